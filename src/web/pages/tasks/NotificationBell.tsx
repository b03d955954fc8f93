import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { fmtTime } from '../../components/format.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { translate, useI18n } from '../../i18n/index.js';
import { isMessageKey } from '../../../shared/i18n.js';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationKeys,
  type NotificationItem,
} from './tasks.api.js';

/**
 * The header bell: unread in-app notifications (ledger returned/approved/submitted, clean-up
 * reminders before and on the deadline). Polls once a minute; opening one marks it read and goes to
 * its page. Nothing here counts logins or activity.
 */
/** A notice in the user's language (its message key and parameters), or as stored (old rows). */
function noticeText(n: NotificationItem, part: 'title' | 'body'): string {
  const key = n.params ? `notice.${n.params.message}.${part}` : '';
  return n.params && isMessageKey(key) ? translate(key, n.params.values) : n[part];
}

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: notificationKeys.inbox,
    queryFn: () => listNotifications(false, 10),
    refetchInterval: 60_000,
    retry: false,
  });
  const unread = q.data?.unread ?? 0;
  const items = q.data?.items ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: notificationKeys.all });

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) await markNotificationRead(n.id).catch(() => undefined);
    void refresh();
    if (n.link) navigate(n.link);
  };

  const content = (
    <div
      style={{ width: isMobile ? 'calc(100vw - 48px)' : 360, maxHeight: 420, overflow: 'auto' }}
      data-testid="notification-list"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        items.map((n) => (
          <div
            key={n.id}
            role="button"
            tabIndex={0}
            onClick={() => void openItem(n)}
            onKeyDown={(e) => e.key === 'Enter' && void openItem(n)}
            className="jf-list-item"
            style={{ padding: '8px 4px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
            data-testid="notification-item"
          >
            <Flex gap={6} align="baseline">
              {n.readAt ? null : (
                <>
                  <Badge status="processing" />
                  <span className="jf-sr-only">{t('notifications.unreadMark')}</span>
                </>
              )}
              <Typography.Text strong={!n.readAt}>{noticeText(n, 'title')}</Typography.Text>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: '0.75rem' }} ellipsis={{ rows: 2 }}>
              {noticeText(n, 'body')}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {fmtTime(n.createdAt)}
            </Typography.Text>
          </div>
        ))
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void refresh();
      }}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('notifications.title')}</span>
          {unread ? (
            <Button
              size="small"
              type="link"
              onClick={async () => {
                await markAllNotificationsRead().catch(() => undefined);
                void refresh();
              }}
            >
              {t('notifications.readAll')}
            </Button>
          ) : null}
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={
          unread ? t('notifications.unreadCount', { n: unread > 99 ? '99+' : unread }) : t('notifications.title')
        }
        data-testid="notification-bell"
        style={{ color: '#fff', height: 40, paddingInline: 8 }}
      >
        <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined aria-hidden style={{ color: '#fff', fontSize: '1.125rem' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
