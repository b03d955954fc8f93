import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ADJUSTMENT_OPERATIONS,
  EDITABLE_FIELDS,
  REASON_TYPES,
  type AdjustmentOperation,
  type ItemFieldName,
  type ReasonType,
} from '../../../shared/catalogs.enums.js';
import { isApiError } from '../../api/client.js';
import { useFeedback } from '../../components/feedback.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n } from '../../i18n/index.js';
import {
  adjustmentAction,
  catalogKeys,
  createAdjustment,
  effectiveCatalog,
  listCatalogs,
  updateAdjustment,
  type AdjustmentDto,
  type CreateAdjustmentBody,
  type EffectiveItemDto,
  type ItemFields,
} from './catalogs.api.js';
import { byKind, catalogOption, LayerTag, todayStr } from './CatalogTags.js';
import { TargetLayerSelect, useLayers } from './TargetLayerSelect.js';

/** What a caller may preset (e.g. "withdraw this item" from the item drawer). */
export interface AdjustmentPreset {
  operation?: AdjustmentOperation;
  targetRegion?: string;
  catalogId?: string;
  itemCode?: string;
}

interface FormValues {
  operation: AdjustmentOperation;
  targetRegion?: string;
  catalogId?: string;
  itemCode?: string;
  newCode?: string;
  fields: Partial<Record<Exclude<ItemFieldName, 'effectiveTo'>, string | null>> & { effectiveTo?: Dayjs | null };
  reasonType?: ReasonType;
  basis?: string;
  reasonNote?: string;
  effectiveDate?: Dayjs;
}

const LONG_FIELDS: ItemFieldName[] = ['name', 'basis', 'funding', 'alternativeChannel', 'notes'];

const fieldsOf = (f: Partial<ItemFields> | null | undefined): FormValues['fields'] => {
  const out: FormValues['fields'] = {};
  if (!f) return out;
  for (const k of EDITABLE_FIELDS) {
    if (k === 'effectiveTo') out.effectiveTo = f.effectiveTo ? dayjs(f.effectiveTo) : null;
    else if (f[k] !== undefined) out[k] = (f[k] as string | null) ?? null;
  }
  return out;
};

/** Form fields → API fields: add sends what is filled in; amend sends only what differs from the item in force. */
function toApiFields(values: FormValues['fields'], current: ItemFields | null): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of EDITABLE_FIELDS) {
    const raw =
      k === 'effectiveTo' ? (values.effectiveTo ? values.effectiveTo.format('YYYY-MM-DD') : null) : (values[k] ?? null);
    const v = typeof raw === 'string' ? raw.trim() || null : raw;
    if (current) {
      if ((current[k] ?? null) !== v) out[k] = v;
    } else if (v !== null) out[k] = v;
  }
  return out;
}

const PATTERN_HELP_KEYS = [
  'adjust.patternsHelp1',
  'adjust.patternsHelp2',
  'adjust.patternsHelp3',
  'adjust.patternsHelp4',
  'adjust.patternsHelp5',
  'adjust.patternsHelp6',
] as const;

/** The syntax of recognition rules (catalogs/rules.ts), in the reader's language. */
function PatternsHelp() {
  const { t } = useI18n();
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="patterns-help">
      {PATTERN_HELP_KEYS.map((k) => (
        <li key={k}>{t(k)}</li>
      ))}
    </ul>
  );
}

/** The input for one item field. */
function fieldInput(k: ItemFieldName) {
  if (k === 'effectiveTo') return <DatePicker style={{ width: '100%' }} />;
  if (k === 'patterns')
    return (
      <Input.TextArea
        className="jf-mono"
        autoSize={{ minRows: 4, maxRows: 14 }}
        maxLength={4000}
        data-testid="adjustment-patterns"
      />
    );
  if (LONG_FIELDS.includes(k))
    return <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} maxLength={k === 'name' ? 500 : 1000} />;
  return <Input maxLength={k === 'sourceUrl' ? 500 : 200} />;
}

/**
 * 提出目录调整 / 修改草稿: add, amend or withdraw an item at the district or a township, or adopt /
 * stop a list, with reason type, basis and effective date. Saves a draft, or saves and submits it.
 */
export function AdjustmentFormDrawer(props: {
  open: boolean;
  onClose: () => void;
  preset?: AdjustmentPreset;
  editing?: AdjustmentDto | null;
  onDone?: (a: AdjustmentDto) => void;
}) {
  const { open, onClose, preset, editing } = props;
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const { message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const today = todayStr();
  const { layers } = useLayers();
  const defaultLayer = layers[0]?.code;

  const operation = Form.useWatch('operation', form) ?? preset?.operation ?? 'add';
  const target = Form.useWatch('targetRegion', form);
  const itemCode = Form.useWatch('itemCode', form);
  const catalogId = Form.useWatch('catalogId', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      const base = editing.operation === 'amend' ? { ...editing.current, ...editing.changes } : (editing.changes ?? {});
      form.setFieldsValue({
        operation: editing.operation,
        targetRegion: editing.targetRegion.code,
        catalogId: editing.catalogId ?? undefined,
        itemCode: editing.operation === 'add' ? undefined : (editing.itemCode ?? undefined),
        newCode: editing.operation === 'add' ? (editing.itemCode ?? undefined) : undefined,
        fields: fieldsOf(base as Partial<ItemFields>),
        reasonType: editing.reasonType,
        basis: editing.basis,
        reasonNote: editing.reasonNote ?? undefined,
        effectiveDate: dayjs(editing.effectiveDate),
      });
    } else {
      form.setFieldsValue({
        operation: preset?.operation ?? 'add',
        targetRegion: preset?.targetRegion ?? defaultLayer,
        catalogId: preset?.catalogId,
        itemCode: preset?.itemCode,
        fields: {},
        effectiveDate: dayjs(),
      });
    }
    // The default layer is read once per opening, not again when the township list arrives.
  }, [open, editing, preset, form]);

  const catalogs = useQuery({
    queryKey: catalogKeys.list(target),
    queryFn: () => listCatalogs(target),
    enabled: open && !!target,
  });
  const effective = useQuery({
    queryKey: catalogKeys.effective(target ?? '', today),
    queryFn: () => effectiveCatalog(target!, today),
    enabled: open && !!target && (operation === 'amend' || operation === 'withdraw'),
  });

  const items = useMemo(() => (effective.data?.catalogs ?? []).flatMap((c) => c.items), [effective.data]);
  const currentItem: EffectiveItemDto | undefined = items.find((i) => i.code === itemCode);
  const currentFields: ItemFields | null = operation === 'amend' ? (currentItem ?? editing?.current ?? null) : null;
  // Recognition rules belong to prohibition items only (the server refuses them elsewhere).
  const chosenCatalog = operation === 'add' ? catalogId : (currentItem?.catalogId ?? editing?.catalogId);
  const isProhibition =
    [...(catalogs.data ?? []), ...(effective.data?.catalogs ?? [])].find((c) => c.id === chosenCatalog)?.kind ===
    'prohibition';
  const shownFields = EDITABLE_FIELDS.filter((k) => k !== 'patterns' || isProhibition);

  // Amend: start from the item as it stands, so the user edits rather than retypes.
  useEffect(() => {
    if (operation !== 'amend' || !currentItem) return;
    if (editing && editing.itemCode === currentItem.code) return;
    form.setFieldsValue({ fields: fieldsOf(currentItem) });
  }, [operation, currentItem, editing, form]);

  const catalogOptions = useMemo(() => {
    const list = catalogs.data ?? [];
    const fit = list.filter((c) =>
      operation === 'add'
        ? c.activeHere
        : operation === 'adopt'
          ? !c.activeHere && !c.ownerRegion
          : operation === 'unadopt'
            ? c.activeHere && !c.ownerRegion
            : false,
    );
    return byKind(t, fit, catalogOption);
  }, [catalogs.data, operation, t]);

  const itemOptions = useMemo(
    () =>
      byKind(t, items, (i) => ({
        value: i.code,
        search: `${i.name} ${i.code}`,
        label: <span title={i.name}>{`${i.name}（${i.code}）`}</span>,
      })),
    [items, t],
  );

  const save = useMutation({
    mutationFn: async ({ values, submit }: { values: FormValues; submit: boolean }) => {
      const needsFields = values.operation === 'add' || values.operation === 'amend';
      const fields = needsFields
        ? toApiFields(values.fields ?? {}, values.operation === 'amend' ? currentFields : null)
        : undefined;
      const common = {
        reasonType: values.reasonType!,
        basis: values.basis!.trim(),
        reasonNote: values.reasonNote?.trim() || null,
        effectiveDate: values.effectiveDate!.format('YYYY-MM-DD'),
      };
      let saved: AdjustmentDto;
      if (editing) {
        saved = await updateAdjustment(editing.id, {
          version: editing.version,
          ...(values.operation === 'add' && values.newCode?.trim() ? { itemCode: values.newCode.trim() } : {}),
          ...(needsFields ? { fields } : {}),
          ...common,
        });
      } else {
        const body: CreateAdjustmentBody = {
          targetRegion: values.targetRegion!,
          operation: values.operation,
          ...(values.operation === 'add' || values.operation === 'adopt' || values.operation === 'unadopt'
            ? { catalogId: values.catalogId }
            : {}),
          ...(values.operation === 'amend' || values.operation === 'withdraw' ? { itemCode: values.itemCode } : {}),
          ...(values.operation === 'add' && values.newCode?.trim() ? { itemCode: values.newCode.trim() } : {}),
          ...(needsFields ? { fields } : {}),
          ...common,
        };
        saved = await createAdjustment(body);
      }
      if (submit) {
        try {
          saved = await adjustmentAction(saved.id, 'submit', saved.version, null, true);
        } catch (e) {
          // The draft exists: hand it over (its drawer offers 提交 again) rather than create a second one.
          throw Object.assign(e as Error, { draft: saved });
        }
      }
      return saved;
    },
    onSuccess: (saved, { submit }) => {
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
      message.success(submit ? t('adjust.savedSubmitted') : t('adjust.savedDraft'));
      props.onDone?.(saved);
      onClose();
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
      const draft = (e as { draft?: AdjustmentDto }).draft;
      if (draft) {
        message.warning(t('adjust.submitFailedDraft', { message: e.message }));
        props.onDone?.(draft);
        onClose();
        return;
      }
      if (isApiError(e) && e.issues.length) {
        form.setFields(e.issues.map((i) => ({ name: i.field.split('.') as never, errors: [i.message] })));
      }
      setError(e.message);
    },
  });

  const onSave = async (submit: boolean) => {
    setError(null);
    try {
      const values = await form.validateFields();
      save.mutate({ values: { ...form.getFieldsValue(true), ...values }, submit });
    } catch {
      /* the form shows what is missing */
    }
  };

  const showCatalog = operation === 'add' || operation === 'adopt' || operation === 'unadopt';
  const showItem = operation === 'amend' || operation === 'withdraw';
  const showFields = operation === 'add' || operation === 'amend';

  return (
    <Drawer
      open={open}
      onClose={onClose}
      destroyOnHidden
      size={isMobile ? '100%' : 640}
      title={editing ? t('adjust.editTitle') : t('adjust.createTitle')}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            onClick={() => void onSave(false)}
            loading={save.isPending && !save.variables?.submit}
            data-testid="adjustment-save"
          >
            {t('adjust.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => void onSave(true)}
            loading={save.isPending && !!save.variables?.submit}
            data-testid="adjustment-save-submit"
          >
            {t('adjust.saveSubmit')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues> form={form} layout="vertical" requiredMark data-testid="adjustment-form">
        <Form.Item
          name="operation"
          label={t('adjust.operation')}
          rules={[{ required: true }]}
          extra={t(`catalogs.operationHelp.${operation}`)}
        >
          <Radio.Group
            disabled={!!editing}
            optionType="button"
            buttonStyle="solid"
            options={ADJUSTMENT_OPERATIONS.map((o) => ({ value: o, label: t(`catalogs.operation.${o}`) }))}
            onChange={() => form.setFieldsValue({ catalogId: undefined, itemCode: undefined, fields: {} })}
          />
        </Form.Item>
        <Form.Item
          name="targetRegion"
          label={t('adjust.target')}
          rules={[{ required: true, message: t('adjust.targetRequired') }]}
          extra={t('adjust.targetHelp')}
        >
          <TargetLayerSelect
            disabled={!!editing}
            onChange={() =>
              form.setFieldsValue({
                catalogId: undefined,
                itemCode: operation === 'add' ? undefined : form.getFieldValue('itemCode'),
              })
            }
          />
        </Form.Item>

        {showCatalog ? (
          <Form.Item
            name="catalogId"
            label={operation === 'add' ? t('adjust.catalogForAdd') : t('adjust.catalog')}
            rules={[{ required: true, message: t('adjust.catalogRequired') }]}
            extra={operation === 'adopt' ? t('adjust.adoptHelp') : undefined}
          >
            <Select
              disabled={!!editing || !target}
              loading={catalogs.isFetching}
              placeholder={target ? t('adjust.catalogPlaceholder') : t('adjust.pickTargetFirst')}
              showSearch={{
                filterOption: (input, option) =>
                  String((option as { search?: string })?.search ?? '').includes(input.trim()),
              }}
              options={catalogOptions}
              notFoundContent={t('adjust.noCatalogs')}
              data-testid="adjustment-catalog"
            />
          </Form.Item>
        ) : null}

        {showItem ? (
          <Form.Item
            name="itemCode"
            label={t('adjust.item')}
            rules={[{ required: true, message: t('adjust.itemRequired') }]}
          >
            <Select
              disabled={!!editing || !target}
              loading={effective.isFetching}
              placeholder={target ? t('adjust.itemPlaceholder') : t('adjust.pickTargetFirst')}
              showSearch={{
                filterOption: (input, option) =>
                  String((option as { search?: string })?.search ?? '')
                    .toLowerCase()
                    .includes(input.trim().toLowerCase()),
              }}
              options={itemOptions}
              data-testid="adjustment-item"
            />
          </Form.Item>
        ) : null}
        {showItem && currentItem ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'name', label: t('catalogs.currentItem'), children: `${currentItem.name}（${currentItem.code}）` },
              {
                key: 'catalog',
                label: t('catalogs.catalog'),
                children: (() => {
                  const c = effective.data?.catalogs.find((x) => x.id === currentItem.catalogId);
                  return c ? (
                    <Flex gap={6} wrap align="center">
                      <LayerTag layer={c.layer} province={c.province} />
                      <span>{c.title}</span>
                    </Flex>
                  ) : (
                    currentItem.catalogId
                  );
                })(),
              },
              { key: 'basis', label: t('catalogs.field.basis'), children: currentItem.basis ?? '—' },
            ]}
          />
        ) : null}

        {operation === 'add' ? (
          <Form.Item
            name="newCode"
            label={t('adjust.newCode')}
            extra={t('adjust.newCodeHelp')}
            rules={[{ pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, message: t('adjust.codeInvalid') }]}
          >
            <Input maxLength={40} placeholder={t('adjust.newCodePlaceholder')} />
          </Form.Item>
        ) : null}

        {showFields ? (
          <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px 0', margin: '0 0 16px' }}>
            <legend style={{ fontSize: '0.875rem', padding: '0 6px', width: 'auto', margin: 0 }}>
              {operation === 'add' ? t('adjust.itemFields') : t('adjust.amendFields')}
            </legend>
            {operation === 'amend' && !currentItem && !editing ? (
              <Typography.Paragraph type="secondary">{t('adjust.pickItemFirst')}</Typography.Paragraph>
            ) : null}
            {shownFields.map((k) => (
              <Form.Item
                key={k}
                name={['fields', k]}
                label={t(`catalogs.field.${k}`)}
                extra={k === 'patterns' ? <PatternsHelp /> : undefined}
                rules={
                  k === 'name' || k === 'basis'
                    ? [
                        {
                          required: true,
                          whitespace: true,
                          message: k === 'name' ? t('adjust.nameRequired') : t('adjust.basisFieldRequired'),
                        },
                      ]
                    : k === 'sourceUrl'
                      ? [{ pattern: /^https?:\/\/\S+$/i, message: t('adjust.urlInvalid') }]
                      : undefined
                }
              >
                {fieldInput(k)}
              </Form.Item>
            ))}
          </fieldset>
        ) : null}

        <Form.Item
          name="reasonType"
          label={t('adjust.reasonType')}
          rules={[{ required: true, message: t('adjust.reasonRequired') }]}
        >
          <Select
            placeholder={t('adjust.reasonPlaceholder')}
            options={REASON_TYPES.map((r) => ({ value: r, label: t(`catalogs.reason.${r}`) }))}
            data-testid="adjustment-reason"
          />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('adjust.basis')}
          rules={[{ required: true, whitespace: true, message: t('adjust.basisRequired') }]}
          extra={t('adjust.basisHelp')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} data-testid="adjustment-basis" />
        </Form.Item>
        <Form.Item name="reasonNote" label={t('adjust.reasonNote')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t('adjust.effectiveDate')}
          rules={[{ required: true, message: t('adjust.dateRequired') }]}
          extra={t('adjust.effectiveDateHelp')}
        >
          <DatePicker style={{ width: '100%' }} data-testid="adjustment-date" />
        </Form.Item>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('adjust.saveFailed')}
            description={error}
            data-testid="adjustment-error"
          />
        ) : null}
      </Form>
    </Drawer>
  );
}
