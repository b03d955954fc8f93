import { createContext, useContext } from 'react';
import type { message, notification } from 'antd';

type MessageInstance = ReturnType<typeof message.useMessage>[0];
type NotificationInstance = ReturnType<typeof notification.useNotification>[0];

/** antd message / notification bound to the app's ConfigProvider (theme and locale). */
export interface Feedback {
  message: MessageInstance;
  notification: NotificationInstance;
}

export const FeedbackContext = createContext<Feedback | null>(null);

export function useFeedback(): Feedback {
  const f = useContext(FeedbackContext);
  if (!f) throw new Error('useFeedback outside FeedbackContext');
  return f;
}
