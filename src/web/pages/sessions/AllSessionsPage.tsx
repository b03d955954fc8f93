import { SessionsView } from './SessionsPage.js';

/** Every session in the security administrator's region (安全管理员: end any session). */
export default function AllSessionsPage() {
  return <SessionsView all />;
}
