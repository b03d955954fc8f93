import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { FormRule as Rule } from 'antd';
import { Field, PastDayPicker } from '../../components/Field.js';
import { useI18n } from '../../i18n/index.js';
import { DELIBERATION_FORMS, DEMANDER_KINDS } from '../../../shared/certificates.codes.js';
import { isValidIdNumber, isValidMobile, NAME_PATTERN } from '../../../shared/identity.js';

export function useRules() {
  const { t } = useI18n();
  const required = (field: string): Rule => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });
  /** Required, and at least `min` characters long (`short` says so). */
  const atLeast = (field: string, min: number, short: string): Rule[] => [required(field), { min, message: short }];
  return {
    required,
    atLeast,
    name: [
      required(t('certificates.form.holderName')),
      { min: 2, message: t('certificates.form.nameShort') },
      { pattern: NAME_PATTERN, message: t('certificates.form.nameInvalid') },
    ] as Rule[],
    idNumber: (mandatory: boolean): Rule[] => [
      ...(mandatory ? [required(t('certificates.form.idNumber'))] : []),
      {
        validator: (_r, v: string | undefined) =>
          !v || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('certificates.form.idInvalid'))),
      },
    ],
    phone: [
      {
        validator: (_r: unknown, v: string | undefined) =>
          !v || isValidMobile(v) ? Promise.resolve() : Promise.reject(new Error(t('certificates.form.phoneInvalid'))),
      },
    ] as Rule[],
  };
}

/** Name, ID number and phone of the resident (the ID number and phone are stored encrypted and shown masked). */
export function HolderFields({ idRequired = false }: { idRequired?: boolean }) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={['holder', 'name']} label={t('certificates.form.holderName')} rules={rules.name}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={9}>
        <Form.Item
          name={['holder', 'idNumber']}
          label={t('certificates.form.idNumber')}
          rules={rules.idNumber(idRequired)}
        >
          <Input maxLength={18} autoComplete="off" inputMode="text" className="jf-mono" />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item name={['holder', 'phone']} label={t('certificates.form.phone')} rules={rules.phone}>
          <Input maxLength={13} autoComplete="off" inputMode="tel" className="jf-mono" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Purpose and the body that asked for the certificate. */
export function PurposeFields({ purposeRequired = true }: { purposeRequired?: boolean }) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item
          name="purpose"
          label={t('certificates.form.purpose')}
          rules={
            purposeRequired ? rules.atLeast(t('certificates.form.purpose'), 2, t('certificates.form.purposeShort')) : []
          }
        >
          <Input maxLength={200} placeholder={t('certificates.form.purposePlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="demander" label={t('certificates.form.demander')} extra={t('certificates.form.demanderHelp')}>
          <Input maxLength={100} placeholder={t('certificates.form.demanderPlaceholder')} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function DemanderKindField() {
  const { t } = useI18n();
  return (
    <Form.Item name="demanderKind" label={t('certificates.form.demanderKind')}>
      <Select options={DEMANDER_KINDS.map((k) => ({ value: k, label: t(`certificates.demanderKind.${k}`) }))} />
    </Form.Item>
  );
}

/** The unlisted path (§9.6): a basis, the record of the collective deliberation, and the committee head's sign-off. */
export function DeliberationFields() {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <>
      <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 4 }}>
        {t('certificates.deliberate.section')}
      </Typography.Title>
      <Form.Item
        name="basis"
        label={t('certificates.deliberate.basis')}
        rules={[rules.required(t('certificates.deliberate.basis'))]}
        extra={t('certificates.deliberate.basisHelp')}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Field name={['deliberation', 'heldOn']} label={t('certificates.deliberate.heldOn')} required>
            <PastDayPicker />
          </Field>
        </Col>
        <Col xs={12} md={8}>
          <Field name={['deliberation', 'participants']} label={t('certificates.deliberate.participants')} required>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name={['deliberation', 'form']} label={t('certificates.deliberate.form')} required>
            <Select
              popupMatchSelectWidth={false}
              options={DELIBERATION_FORMS.map((f) => ({ value: f, label: t(`certificates.deliberationForm.${f}`) }))}
            />
          </Field>
        </Col>
      </Row>
      <Form.Item
        name={['deliberation', 'summary']}
        label={t('certificates.deliberate.summary')}
        rules={rules.atLeast(t('certificates.deliberate.summary'), 4, t('certificates.deliberate.summaryShort'))}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('certificates.deliberate.summaryPlaceholder')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item
            name={['signOff', 'name']}
            label={t('certificates.deliberate.signOffName')}
            rules={rules.atLeast(t('certificates.deliberate.signOffName'), 2, t('certificates.form.nameShort'))}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={['signOff', 'title']} label={t('certificates.deliberate.signOffTitle')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Field name={['signOff', 'signedOn']} label={t('certificates.deliberate.signedOn')} required>
            <PastDayPicker />
          </Field>
        </Col>
      </Row>
    </>
  );
}
