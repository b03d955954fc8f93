import { useCallback, useEffect, useRef, useState, type Key } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Skeleton, Spin, Tree, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { REGION_LEVEL_LABELS } from '../../../shared/roles.js';
import { ApiError } from '../../api/client.js';
import { PageContainer } from '../../components/PageContainer.js';
import { SimpleList } from '../../components/SimpleList.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { useI18n, useLabel } from '../../i18n/index.js';
import {
  ancestorCodes,
  fetchChildren,
  fetchRegion,
  fetchRoots,
  regionKeys,
  searchRegions,
  type Region,
  type RegionNode,
} from './regions.api.js';
import { CLEARABLE } from '../../components/ClearIcon.js';
import { RegionName } from '../../components/RegionSelect.js';

interface TreeNode {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: TreeNode[];
  node: RegionNode;
}

const toTreeNode = (r: RegionNode): TreeNode => ({ key: r.code, title: r.name, isLeaf: r.childCount === 0, node: r });

function insertChildren(list: TreeNode[], code: string, kids: TreeNode[]): TreeNode[] {
  return list.map((n) =>
    n.key === code
      ? { ...n, children: kids, isLeaf: kids.length === 0 }
      : n.children
        ? { ...n, children: insertChildren(n.children, code, kids) }
        : n,
  );
}

/** 区划树: lazy tree of the visible regions, search by name / pinyin initials / code, and a detail panel. */
export default function RegionTreePage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const roots = useQuery({ queryKey: regionKeys.roots, queryFn: fetchRoots });
  const [treeData, setTreeData] = useState<TreeNode[]>([]);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [input, setInput] = useState('');
  const loaded = useRef(new Set<string>());

  useEffect(() => {
    if (!roots.data) return;
    loaded.current = new Set();
    setTreeData(roots.data.map(toTreeNode));
    if (roots.data.length === 1) {
      setSelected((s) => s ?? roots.data[0].code);
      if (roots.data[0].childCount > 0) setExpanded([roots.data[0].code]);
    }
  }, [roots.data]);

  const loadChildren = useCallback(
    async (code: string) => {
      if (loaded.current.has(code)) return;
      const kids = await qc.fetchQuery({
        queryKey: regionKeys.children(code),
        queryFn: () => fetchChildren(code),
        staleTime: 60_000,
      });
      loaded.current.add(code);
      setTreeData((prev) => insertChildren(prev, code, kids.map(toTreeNode)));
    },
    [qc],
  );

  const search = useQuery({ queryKey: regionKeys.search(q), queryFn: () => searchRegions(q), enabled: q.length > 0 });

  /** Opens the tree down to a region found by search and selects it. */
  const locate = async (r: Region) => {
    const rootCodes = new Set((roots.data ?? []).map((x) => x.code));
    const chain = ancestorCodes(r);
    const start = chain.findIndex((c) => rootCodes.has(c));
    const path = start >= 0 ? chain.slice(start) : [];
    for (const code of path) await loadChildren(code).catch(() => undefined);
    setExpanded((prev) => [...new Set([...prev, ...path])]);
    setSelected(r.code);
    setQ('');
    setInput('');
    setTimeout(() => document.querySelector(`[data-code="${r.code}"]`)?.scrollIntoView({ block: 'nearest' }), 50);
  };

  return (
    <PageContainer title={t('regions.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card styles={{ body: { padding: 16 } }}>
            <Input.Search
              allowClear={CLEARABLE}
              placeholder={t('regions.searchPlaceholder')}
              aria-label={t('regions.searchPlaceholder')}
              enterButton={t('common.search')}
              value={input}
              onSearch={(v) => setQ(v.trim())}
              onChange={(e) => {
                setInput(e.target.value);
                if (!e.target.value) setQ('');
              }}
              maxLength={50}
              data-testid="region-search"
            />
            {q ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">
                  {t('regions.searchResults')}
                  <Button
                    type="link"
                    size="small"
                    icon={<CloseOutlined />}
                    onClick={() => {
                      setQ('');
                      setInput('');
                    }}
                    aria-label={t('common.close')}
                  />
                </Typography.Text>
                <div style={{ maxHeight: '60vh', overflow: 'auto' }}>
                  <SimpleList<Region>
                    testId="region-results"
                    items={search.data ?? []}
                    rowKey={(r) => r.code}
                    loading={search.isFetching}
                    empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.noResults')} />}
                    onClick={(r) => void locate(r)}
                    actions={() => (
                      <AimOutlined title={t('regions.locate')} style={{ color: 'var(--jf-text-secondary)' }} />
                    )}
                    render={(r) => <RegionName r={r} />}
                  />
                </div>
              </div>
            ) : (
              <div style={{ marginTop: 12, maxHeight: '68vh', overflow: 'auto' }}>
                {roots.isPending ? (
                  <Skeleton active paragraph={{ rows: 6 }} />
                ) : roots.error ? (
                  <Alert type="error" showIcon title={t('common.loadFailed')} description={roots.error.message} />
                ) : treeData.length === 0 ? (
                  <Empty description={t('regions.noTree')} />
                ) : (
                  <Tree<TreeNode>
                    showLine
                    blockNode
                    treeData={treeData}
                    expandedKeys={expanded}
                    onExpand={(keys) => setExpanded(keys)}
                    selectedKeys={selected ? [selected] : []}
                    onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                    loadData={(n) => loadChildren(n.key)}
                    titleRender={(n) => (
                      <span data-code={n.key}>
                        {n.title}
                        {isMobile ? null : (
                          <span
                            className="jf-mono"
                            style={{ color: 'var(--jf-text-secondary)', marginInlineStart: 6, fontSize: '0.75rem' }}
                          >
                            {n.key}
                          </span>
                        )}
                      </span>
                    )}
                  />
                )}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <RegionDetail code={selected} />
        </Col>
      </Row>
    </PageContainer>
  );
}

function RegionDetail({ code }: { code: string | null }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const label = useLabel();
  const region = useQuery({ queryKey: regionKeys.one(code ?? ''), queryFn: () => fetchRegion(code!), enabled: !!code });
  const parentCode = region.data?.parentCode ?? null;
  const parent = useQuery({
    queryKey: regionKeys.one(parentCode ?? ''),
    queryFn: () => fetchRegion(parentCode!, true),
    enabled: !!parentCode,
    retry: false,
  });
  const children = useQuery({
    queryKey: regionKeys.children(code ?? ''),
    queryFn: () => fetchChildren(code!),
    enabled: !!code,
    staleTime: 60_000,
  });

  if (!code)
    return (
      <Card title={t('regions.detail')}>
        <Empty description={t('regions.selectHint')} />
      </Card>
    );

  const r = region.data;
  const parentView = !parentCode ? (
    t('common.none')
  ) : parent.isPending ? (
    <Spin size="small" />
  ) : parent.data ? (
    <span>
      {parent.data.name}{' '}
      <span className="jf-mono" style={{ color: 'var(--jf-text-secondary)' }}>
        {parent.data.code}
      </span>
    </span>
  ) : (
    <span>
      <span className="jf-mono">{parentCode}</span>{' '}
      <Typography.Text type="secondary">
        {parent.error instanceof ApiError && parent.error.status === 404 ? t('regions.notVisible') : ''}
      </Typography.Text>
    </span>
  );

  return (
    <Card title={t('regions.detail')} data-testid="region-detail">
      {region.isPending ? (
        <Skeleton active />
      ) : region.error || !r ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={region.error?.message} />
      ) : (
        <Descriptions
          bordered
          column={1}
          size="middle"
          styles={{ label: { width: isMobile ? 96 : 128 } }}
          items={[
            { key: 'name', label: t('regions.name'), children: <strong>{r.name}</strong> },
            { key: 'code', label: t('regions.code'), children: <span className="jf-mono">{r.code}</span> },
            { key: 'level', label: t('regions.level'), children: label(REGION_LEVEL_LABELS[r.level]) },
            { key: 'kind', label: t('regions.kind'), children: r.kind ?? '—' },
            { key: 'parent', label: t('regions.parent'), children: parentView },
            {
              key: 'children',
              label: t('regions.childCount'),
              children: children.isPending ? <Spin size="small" /> : (children.data?.length ?? '—'),
            },
          ]}
        />
      )}
    </Card>
  );
}
