/** Clean-up task and inbox API calls. Types come from the shared contracts (type-only imports). */
import { api, download } from '../../api/client.js';
import type { Category, Evidence, Task, TaskDetail, TaskStatus, UpdateTaskBody } from '../../../shared/campaigns.js';
import type { NotificationItem } from '../../../shared/notifications.js';
import { uploadFile } from '../ledgers/upload.js';

export type { Evidence, NotificationItem, Task, TaskDetail };

export interface TaskFilter {
  campaignId?: string;
  ledgerId?: string;
  region?: string;
  status?: TaskStatus;
  overdue?: boolean;
  category?: Category;
  mine?: boolean;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (f: TaskFilter, page: number, pageSize: number) => ['tasks', 'list', f, page, pageSize] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
};
export const notificationKeys = { all: ['notifications'] as const, inbox: ['notifications', 'inbox'] as const };

const enc = encodeURIComponent;

export const listTasks = (f: TaskFilter, page: number, pageSize: number) =>
  api<{ total: number; today: string; items: Task[] }>('/api/tasks', {
    query: {
      campaignId: f.campaignId,
      ledgerId: f.ledgerId,
      region: f.region,
      status: f.status,
      category: f.category,
      overdue: f.overdue ? 'true' : undefined,
      mine: f.mine ? 'true' : undefined,
      page,
      pageSize,
    },
  });
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getTask = (id: string) => api<TaskDetail>(`/api/tasks/${enc(id)}`, { quiet: true });
export const updateTask = (id: string, body: UpdateTaskBody) =>
  api<TaskDetail>(`/api/tasks/${enc(id)}`, { method: 'PATCH', body });
export const closeTask = (id: string, version: number, note: string) =>
  api<TaskDetail>(`/api/tasks/${enc(id)}/close`, { method: 'POST', body: { version, note } });
export const reopenTask = (id: string, version: number, note: string) =>
  api<TaskDetail>(`/api/tasks/${enc(id)}/reopen`, { method: 'POST', body: { version, note } });
export const addEvidence = (id: string, file: File, note: string) =>
  uploadFile<TaskDetail>(`/api/tasks/${enc(id)}/evidence`, file, { fields: note ? { note } : {} });
export const downloadEvidence = (id: string, e: Evidence) =>
  download(`/api/tasks/${enc(id)}/evidence/${enc(e.id)}`, undefined, e.name);

/** The bell polls this; quiet, a failed poll must not toast every minute. */
export const listNotifications = (unread: boolean, pageSize = 10) =>
  api<{ total: number; unread: number; items: NotificationItem[] }>('/api/notifications', {
    query: { unread: unread ? 'true' : undefined, pageSize },
    quiet: true,
  });
export const markNotificationRead = (id: string) =>
  api<{ ok: true }>(`/api/notifications/${enc(id)}/read`, { method: 'POST' });
export const markAllNotificationsRead = () =>
  api<{ updated: number }>('/api/notifications/read-all', { method: 'POST' });
