import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Flex, Form, Input, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import type { Category } from '../../../shared/campaigns.js';
import { CategoryFieldInputs, cleanFields, columnLabels, defaultFields } from './fields.js';
import {
  ledgerKeys,
  suggestNames,
  type AnyFields,
  type LedgerRow,
  type RowInput,
  type SuggestItem,
} from './ledgers.api.js';

interface FormValues {
  name: string;
  imposedBy: string;
  basis: string;
  fields: Omit<AnyFields, 'catalogHit'> & { catalogHit?: string | null };
}

const toFormValues = (
  category: Category,
  row?: Pick<LedgerRow, 'name' | 'imposedBy' | 'basis' | 'fields'>,
): FormValues => {
  const f: AnyFields = { ...(defaultFields(category) as AnyFields), ...row?.fields };
  return {
    name: row?.name ?? '',
    imposedBy: row?.imposedBy ?? '',
    basis: row?.basis ?? '',
    fields: { ...f, catalogHit: f.catalogHit ?? 'auto' },
  };
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * Puts the cursor in the name field of `box` (unless `always` is false and something else has it). A
 * focus the page gives (on opening, after a row was added) leaves the suggestions closed (marked
 * `data-quiet`): they open when the cadre types or clicks, and never cover the rows unasked.
 */
function focusNameIn(box: HTMLElement | null, always: boolean) {
  const input = box?.querySelector<HTMLInputElement>('[data-testid="row-name"]');
  const active = document.activeElement;
  if (input && active !== input && (always || !active || active === document.body)) {
    input.dataset.quiet = '1';
    input.focus();
  }
}

/**
 * The row form: the common facts (name with inline suggestions, who imposed it, basis) and the
 * category's own fields. Built for keyboard entry: Tab walks the fields, Enter adds the row (or saves
 * an edit) from any field, and after an add the form clears and the cursor returns to the name, ready
 * for the next row. Suggestions come from the catalogs, the sign guide and what other villages of the
 * township entered (GET /api/ledgers/:id/suggest); ↓ then Enter picks one.
 */
export function RowForm({
  ledgerId,
  category,
  row,
  onSubmit,
  submitLabel,
  compact,
  autoFocus,
  testId,
}: {
  ledgerId: string;
  category: Category;
  /** Editing this row; otherwise the form adds new rows. */
  row?: LedgerRow;
  onSubmit: (input: RowInput) => Promise<unknown>;
  submitLabel?: string;
  /** Narrow screens: one field per line. */
  compact?: boolean;
  autoFocus?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  // AutoComplete keeps the Input's ref for itself: find the name field in the DOM.
  // Focus now, after the next paint and once more shortly after, unless the user has moved on to
  // another field meanwhile: a re-render of the rows list (or a slow machine) must not leave the
  // cursor nowhere.
  const focusName = () => {
    const box = boxRef.current;
    focusNameIn(box, true);
    requestAnimationFrame(() => focusNameIn(box, false));
    setTimeout(() => focusNameIn(box, false), 120);
  };
  /** Keystrokes are numbered as they go down (capture phase, before the AutoComplete sees them); a pick records its keystroke. */
  const keySeq = useRef(0);
  const pickedSeq = useRef(-1);
  const cols = columnLabels(category, t);
  const debounced = useDebounced(q.trim(), 200);

  const suggest = useQuery({
    queryKey: ledgerKeys.suggest(ledgerId, category, debounced),
    queryFn: ({ signal }) => suggestNames(ledgerId, category, debounced, signal),
    enabled: open,
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const seen = new Set<string>();
    const items: SuggestItem[] = [];
    for (const s of suggest.data ?? []) {
      if (seen.has(s.name)) continue;
      seen.add(s.name);
      items.push(s);
    }
    return items.map((s) => ({
      value: s.name,
      item: s,
      label: (
        <Flex justify="space-between" gap={8} style={{ minWidth: 0 }}>
          <span style={{ whiteSpace: 'normal' }}>
            {s.name}
            {s.imposedBy ? (
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {' '}
                · {s.imposedBy}
              </Typography.Text>
            ) : null}
          </span>
          <span style={{ flex: 'none' }}>
            {s.itemCode ? (
              <Typography.Text type="secondary" className="jf-mono" style={{ fontSize: '0.75rem', marginInlineEnd: 4 }}>
                {s.itemCode}
              </Typography.Text>
            ) : null}
            <Tag
              style={{ marginInlineEnd: 0 }}
              color={s.source === 'catalog' ? 'blue' : s.source === 'guide' ? 'green' : 'default'}
            >
              {t(`campaigns.suggestSource.${s.source}`)}
              {s.source === 'township' && s.count > 1 ? ` ×${s.count}` : ''}
            </Tag>
          </span>
        </Flex>
      ),
    }));
  }, [suggest.data, t]);

  useEffect(() => {
    if (autoFocus) focusName();
  }, [autoFocus]);

  const submit = async () => {
    if (busy) return;
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        category,
        name: v.name.trim(),
        imposedBy: (v.imposedBy ?? '').trim(),
        basis: (v.basis ?? '').trim(),
        fields: cleanFields(category, v.fields as AnyFields) as never,
      });
      if (!row) {
        form.resetFields();
        setQ('');
        setOpen(false);
        focusName();
      }
    } catch (e) {
      // A duplicate or invalid field: show it under the name (the toast already said it).
      if (isApiError(e) && (e.code === 'conflict' || e.code === 'validation_failed'))
        form.setFields([{ name: 'name', errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const el = e.target as HTMLElement;
    if (el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON') return;
    e.preventDefault();
    // An Enter that picked a suggestion only fills the name.
    const seq = keySeq.current;
    setTimeout(() => {
      if (pickedSeq.current === seq) return;
      void submit();
    }, 0);
  };

  const width = (w: number) => (compact ? '100%' : w);

  return (
    <div
      ref={boxRef}
      onKeyDownCapture={() => {
        keySeq.current += 1;
      }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(category, row)}
        requiredMark={false}
        size={compact ? 'large' : 'middle'}
      >
        <Flex wrap gap={compact ? 0 : 12} align="flex-start" vertical={compact}>
          <Form.Item
            name="name"
            label={cols.name}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: cols.name }) }]}
            style={{ width: width(260), marginBottom: 8 }}
          >
            <AutoComplete
              options={options}
              open={open && options.length > 0}
              onOpenChange={setOpen}
              defaultActiveFirstOption={false}
              popupMatchSelectWidth={compact ? true : 420}
              showSearch={{ onSearch: (text: string) => setQ(text), filterOption: false }}
              onFocus={(e: React.FocusEvent<HTMLElement>) => {
                const el = e.target as HTMLInputElement;
                if (el.dataset.quiet) delete el.dataset.quiet;
                else setOpen(true);
              }}
              onBlur={() => setOpen(false)}
              onSelect={(_: string, opt: { item?: SuggestItem }) => {
                pickedSeq.current = keySeq.current;
                setOpen(false);
                if (opt.item?.imposedBy && !form.getFieldValue('imposedBy'))
                  form.setFieldValue('imposedBy', opt.item.imposedBy);
              }}
            >
              <Input maxLength={200} placeholder={cols.namePlaceholder} data-testid="row-name" autoComplete="off" />
            </AutoComplete>
          </Form.Item>
          <Form.Item
            name="imposedBy"
            label={cols.imposedBy}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: cols.imposedBy }) }]}
            style={{ width: width(170), marginBottom: 8 }}
          >
            <Input maxLength={100} data-testid="row-imposed-by" autoComplete="off" />
          </Form.Item>
          <CategoryFieldInputs category={category} t={t} width={width} />
          <Form.Item
            name="basis"
            label={cols.basis}
            style={
              compact
                ? { width: '100%', marginBottom: 8 }
                : { flex: '1 1 150px', minWidth: 150, maxWidth: 260, marginBottom: 8 }
            }
          >
            <Input
              maxLength={300}
              placeholder={t('ledgers.field.basisPlaceholder')}
              data-testid="row-basis"
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item label={compact ? undefined : ' '} style={{ marginBottom: 8, width: compact ? '100%' : undefined }}>
            <Button
              type="primary"
              icon={row ? undefined : <PlusOutlined />}
              loading={busy}
              onClick={() => void submit()}
              data-testid="row-submit"
              block={compact}
            >
              {submitLabel ?? (row ? t('common.save') : t('ledgers.addRow'))}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {!row && !compact ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
          {t('ledgers.keyboardHint')}
        </Typography.Text>
      ) : null}
    </div>
  );
}
