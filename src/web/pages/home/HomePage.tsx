import { Alert, Card, Col, Descriptions, Empty, Row, Table, Tag, Typography } from 'antd';
import { REGION_LEVEL_LABELS, ROLE_LABELS } from '../../../shared/roles.js';
import { useMe, type MeGrant } from '../../api/auth.js';
import { PageContainer } from '../../components/PageContainer.js';
import { PageSpin } from '../../components/PageSpin.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import { PERMISSION_LABELS } from '../../i18n/permissions.js';
import { useIsMobile } from '../../components/useIsMobile.js';

/**
 * 工作台 for business roles: who I am, where I sit, what I hold. Only facts from /api/auth/me —
 * no counters or rankings (the platform must not become a burden or a league table).
 */
export default function HomePage() {
  const { t } = useI18n();
  const label = useLabel();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  if (!me) return <PageSpin />;

  const profile = [
    { key: 'displayName', label: t('home.displayName'), children: me.displayName },
    { key: 'username', label: t('home.username'), children: <span className="jf-mono">{me.username}</span> },
    { key: 'region', label: t('home.region'), children: me.region?.name ?? t('common.none') },
    {
      key: 'regionCode',
      label: t('home.regionCode'),
      children: me.region ? <span className="jf-mono">{me.region.code}</span> : t('common.none'),
    },
    {
      key: 'level',
      label: t('home.regionLevel'),
      children: me.region ? label(REGION_LEVEL_LABELS[me.region.level]) : t('common.none'),
    },
    { key: 'department', label: t('home.department'), children: me.department?.name ?? t('common.none') },
  ];

  return (
    <PageContainer title={t('home.title')}>
      <Typography.Paragraph style={{ fontSize: '1rem' }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('home.profile')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small" items={profile} styles={{ label: { width: isMobile ? 96 : 120 } }} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('home.grants')} style={{ height: '100%' }}>
            {me.grants.length === 0 ? (
              <Empty description={t('home.noGrants')} />
            ) : (
              <>
                <Table<MeGrant>
                  size="small"
                  rowKey={(g) => `${g.role}-${g.regionCode}`}
                  pagination={false}
                  dataSource={me.grants}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    {
                      title: t('home.grantRole'),
                      dataIndex: 'role',
                      render: (_: unknown, g) => <Tag color="blue">{label(ROLE_LABELS[g.role], g.roleLabel)}</Tag>,
                    },
                    {
                      title: t('home.grantRegion'),
                      dataIndex: 'regionName',
                      render: (_: unknown, g) => (
                        <span>
                          {g.regionName}
                          {isMobile ? <br /> : ' '}
                          <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
                            {g.regionCode}
                          </span>
                        </span>
                      ),
                    },
                    ...(isMobile
                      ? []
                      : [
                          {
                            title: t('home.grantLevel'),
                            dataIndex: 'level',
                            render: (_: unknown, g: MeGrant) => label(REGION_LEVEL_LABELS[g.level]),
                          },
                        ]),
                  ]}
                />
                <Alert type="info" showIcon title={t('home.scopeNote')} style={{ marginTop: 12 }} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('home.permissions')}>
            {me.permissions.length === 0 ? (
              <Empty description={t('home.noGrants')} />
            ) : (
              me.permissions.map((p) => (
                <Tag key={p} style={{ marginBottom: 8 }}>
                  {label(PERMISSION_LABELS[p], p)}
                </Tag>
              ))
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
