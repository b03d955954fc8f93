import type { ReactNode } from 'react';
import { Button, Card, DatePicker, Form, type ButtonProps, type DatePickerProps, type FormItemProps } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/index.js';

/**
 * A labelled form field; `required` adds the 「请填写…」 rule (`'text'`: blank text does not count),
 * before any other `rules`.
 */
export function Field({
  label,
  required,
  rules = [],
  ...props
}: Omit<FormItemProps, 'required'> & { label: string; required?: boolean | 'text' }) {
  const { t } = useI18n();
  const need = required
    ? [
        {
          required: true,
          ...(required === 'text' ? { whitespace: true } : {}),
          message: t('common.required', { field: label }),
        },
      ]
    : [];
  return <Form.Item label={label} rules={[...need, ...rules]} {...props} />;
}

/** A day (YYYY-MM-DD) up to today: when something happened. */
export function PastDayPicker(props: DatePickerProps) {
  return (
    <DatePicker
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
      {...props}
    />
  );
}

/** A small form in a card that records one thing: the fields, then one full-width submit button. */
export function FormCard<F extends object>(props: {
  title: string;
  testId: string;
  form: FormInstance<F>;
  initialValues: Partial<F>;
  pending: boolean;
  submit: Pick<ButtonProps, 'icon' | 'danger'> & { text: string; testId: string; onClick: () => void };
  children: ReactNode;
}) {
  const { submit } = props;
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      <Form<F> form={props.form} layout="vertical" initialValues={props.initialValues} disabled={props.pending}>
        {props.children}
        <SubmitButton
          danger={submit.danger}
          icon={submit.icon}
          pending={props.pending}
          onClick={submit.onClick}
          testId={submit.testId}
        >
          {submit.text}
        </SubmitButton>
      </Form>
    </Card>
  );
}

/** The one full-width primary button that submits a form. */
export function SubmitButton(
  props: Pick<ButtonProps, 'icon' | 'danger'> & {
    pending: boolean;
    onClick: () => void;
    testId: string;
    children: ReactNode;
  },
) {
  return (
    <Button
      type="primary"
      danger={props.danger}
      icon={props.icon}
      block
      loading={props.pending}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.children}
    </Button>
  );
}
