import { seedCatalogView } from '../src/server/features/catalogs/seed-view.js';
import { precheck } from '../src/server/features/admission/admission.precheck.js';
import { DEFAULT_SIGN_GUIDE } from '../src/server/features/campaigns/campaigns.model.js';
const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE } as any);
const texts = ['各村与镇政府签订安全生产包保协议', '各村签订禁毒工作保证书', '各村与街道签订人居环境整治承包合同，未达标的村取消评优资格','各村向镇里递交防火军令状','各村签署信访维稳保证金协议'];
for (const t of texts) {
  const r = precheck({ kind: 'work_affair', title: t, description: t, basis: [{ document: '某某办法', article: '第三条', level: 'local' }], targets: ['140404001200'], startsOn: '2026-12-01', endsOn: '2027-03-31', funding: { provided: true, amountYuan: 1000, source: 'x' }, staffing: { provided: true, people: 1, description: 'x' }, forms: [] } as any, view);
  console.log(t, r.outcome, r.findings.map((f: any) => f.rule + ':' + (f.item?.code ?? '')).join(','));
}
