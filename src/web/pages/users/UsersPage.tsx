import { UserDirectory } from './UserDirectory.js';

/** 用户管理 (users.read; create / disable / unlock with users.manage). */
export default function UsersPage() {
  return <UserDirectory mode="users" />;
}
