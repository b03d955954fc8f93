import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { isApiError, type ApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useI18n } from '../../i18n/index.js';
import { certificateKeys, printCertificate } from './certificates.api.js';
import type { PrintData } from '../../../shared/certificates.js';
import { CertificateSheet } from './CertificateSheets.js';
import { PrintPage } from './PrintSheet.js';
import { useScrollTop } from './useScrollTop.js';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; data: PrintData }
  | { kind: 'reason' }
  | { kind: 'error'; error: ApiError | Error };

/**
 * /certificates/:id/print: fetches the print data (POST …/print: clear name and ID number, a numbered
 * copy, audited) and shows the A4 sheet. The first print needs nothing; every reprint needs a reason,
 * which the page asks for before it fetches anything.
 */
export default function CertificatePrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const started = useRef<string | null>(null);
  useScrollTop(id);

  const run = useCallback(
    async (why: string | null) => {
      setBusy(true);
      try {
        const data = await printCertificate(id, why);
        setState({ kind: 'ready', data });
        void qc.invalidateQueries({ queryKey: certificateKeys.detail(id) });
      } catch (e) {
        if (isApiError(e) && e.code === 'validation_failed' && e.issues.some((i) => i.field === 'reason'))
          setState({ kind: 'reason' });
        else setState({ kind: 'error', error: e as Error });
      } finally {
        setBusy(false);
      }
    },
    [id, qc],
  );

  useEffect(() => {
    // One request per visit (each one is a numbered, audited copy), also under StrictMode's double effects.
    if (started.current === id) return;
    started.current = id;
    void run(null);
  }, [id, run]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/certificates/${id}`)}>
      {t('certificates.print.back')}
    </Button>
  );

  if (state.kind === 'loading') return <PageSpin />;
  if (state.kind === 'error')
    return (
      <Result
        status={isApiError(state.error) && state.error.status === 404 ? '404' : 'warning'}
        title={t('certificates.print.failed')}
        subTitle={state.error.message}
        extra={back}
      />
    );
  if (state.kind === 'reason')
    return (
      <PageContainer title={t('certificates.print.title')} extra={back}>
        <Card style={{ maxWidth: 560 }}>
          <Alert
            type="warning"
            showIcon
            title={t('certificates.print.reprintTitle')}
            description={t('certificates.print.reprintHelp')}
            style={{ marginBottom: 16 }}
          />
          <Form layout="vertical" onFinish={() => reason.trim().length >= 2 && void run(reason.trim())}>
            <Form.Item
              label={t('certificates.print.reprintReason')}
              htmlFor="reprint-reason-input"
              required
              validateStatus={reason && reason.trim().length < 2 ? 'error' : undefined}
            >
              <Input
                id="reprint-reason-input"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={200}
                placeholder={t('certificates.print.reprintPlaceholder')}
                data-testid="reprint-reason"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<PrinterOutlined />}
              loading={busy}
              disabled={reason.trim().length < 2}
            >
              {t('certificates.print.reprint')}
            </Button>
          </Form>
        </Card>
      </PageContainer>
    );

  const d = state.data;
  return (
    <PrintPage
      title={t('certificates.print.title')}
      back={back}
      note={{
        type: 'info',
        title: t('certificates.print.copy', { copy: d.copyNo, serial: d.serial }),
        description: t('certificates.print.help'),
      }}
      testId="print-sheet"
    >
      <CertificateSheet data={d} />
    </PrintPage>
  );
}
