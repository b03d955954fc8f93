import { useLocation, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { PageSpin } from '../../components/PageSpin.js';
import { useI18n } from '../../i18n/index.js';
import { certificateKeys, getCase } from './certificates.api.js';
import { CaseSheet } from './CertificateSheets.js';
import { PrintPage } from './PrintSheet.js';
import { useScrollTop } from './useScrollTop.js';

/** /certificates/refusals/:id and /certificates/promises/:id: the slip or the promise form on A4 (names masked). */
export default function CasePrintPage() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const kind = pathname.startsWith('/certificates/promises/') ? 'promise' : 'refusal';
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: certificateKeys.case(id), queryFn: () => getCase(kind, id) });
  useScrollTop(pathname);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('certificates.print.backShort')}
    </Button>
  );
  if (q.isPending) return <PageSpin />;
  if (q.error)
    return <Result status="404" title={t('certificates.case.notFound')} subTitle={q.error.message} extra={back} />;
  const c = q.data;
  return (
    <PrintPage
      title={t(`certificates.caseKind.${c.kind}`)}
      back={back}
      note={{
        type: kind === 'refusal' ? 'warning' : 'info',
        title: t(kind === 'refusal' ? 'certificates.case.refusalHelp' : 'certificates.case.promiseHelp', {
          number: c.number,
        }),
      }}
      testId="case-sheet"
    >
      <CaseSheet c={c} />
    </PrintPage>
  );
}
