import { Button, type ButtonProps } from 'antd';

/**
 * An action that looks like a link (opens a drawer, switches a tab, drills down): a real button, so
 * Tab reaches it and Enter or Space presses it. Use a router Link when it goes to a URL.
 */
export function LinkButton(props: Omit<ButtonProps, 'type'>) {
  return <Button {...props} type="link" className={`jf-link-button ${props.className ?? ''}`.trim()} />;
}
