import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useFeedback } from './feedback.js';

type Exporter = UseMutationResult<void, Error, () => Promise<void>>;

/** Runs a page's downloads (exports) and says `done` when a file has been saved. */
export function useExporter(done: string): Exporter {
  const { message } = useFeedback();
  return useMutation({ mutationFn: (run: () => Promise<void>) => run(), onSuccess: () => message.success(done) });
}

/** A download button: `run` makes and saves the file; the button is busy (and says `busyText`) meanwhile. */
export function ExportButton({
  exporter,
  run,
  busyText,
  children,
  ...props
}: Omit<ButtonProps, 'onClick' | 'loading' | 'icon'> & {
  exporter: Exporter;
  run: () => Promise<void>;
  busyText?: string;
  'data-testid'?: string;
}) {
  return (
    <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exporter.mutate(run)} {...props}>
      {exporter.isPending && busyText ? busyText : children}
    </Button>
  );
}
