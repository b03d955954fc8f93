/** Chinese / English names of the certificate desk's codes. */
type L = { zh: string; en: string };

export const VERDICT_LABELS: Record<'positive' | 'negative' | 'unlisted', L> = {
  positive: { zh: '可以出具（出具证明事项目录内）', en: 'May be issued (on the positive list)' },
  negative: { zh: '不应出具（列入不应出具证明事项清单）', en: 'Must not be issued (on the negative list)' },
  unlisted: { zh: '目录外（两张清单均未列入）', en: 'Unlisted (on neither list)' },
};

export const PATH_LABELS: Record<'catalog' | 'deliberation', L> = {
  catalog: { zh: '目录内', en: 'Catalogued' },
  deliberation: { zh: '目录外（集体研究）', en: 'Unlisted (deliberated)' },
};

export const CERT_STATUS_LABELS: Record<'valid' | 'revoked', L> = {
  valid: { zh: '有效', en: 'Valid' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

export const DEMANDER_KIND_LABELS: Record<string, L> = {
  bank: { zh: '银行', en: 'Bank' },
  insurer: { zh: '保险机构', en: 'Insurer' },
  agency: { zh: '行政机关或事业单位', en: 'Government agency or institution' },
  employer: { zh: '用人单位', en: 'Employer' },
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医疗机构', en: 'Hospital' },
  court: { zh: '司法机关', en: 'Judicial body' },
  other: { zh: '其他', en: 'Other' },
};

export const DELIBERATION_FORMS = ['villagers_meeting', 'representatives_meeting', 'joint_meeting', 'other'] as const;
export const DELIBERATION_FORM_LABELS: Record<(typeof DELIBERATION_FORMS)[number], L> = {
  villagers_meeting: { zh: '村民会议', en: "Villagers' meeting" },
  representatives_meeting: { zh: '村民代表会议', en: "Villagers' representatives meeting" },
  joint_meeting: { zh: '村“两委”联席会议', en: 'Joint meeting of the two village committees' },
  other: { zh: '其他形式的集体研究', en: 'Other collective deliberation' },
};

export const CERT_EVENT_LABELS: Record<string, L> = {
  issued: { zh: '开具', en: 'Issued' },
  printed: { zh: '打印', en: 'Printed' },
  reprinted: { zh: '重新打印', en: 'Reprinted' },
  verified: { zh: '被公开核验', en: 'Verified publicly' },
  revoked: { zh: '撤销', en: 'Revoked' },
  unmasked: { zh: '查看完整个人信息', en: 'Personal data shown' },
};
