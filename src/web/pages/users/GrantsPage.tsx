import { UserDirectory } from './UserDirectory.js';

/** 角色授权 (grants.manage, the security administrator). */
export default function GrantsPage() {
  return <UserDirectory mode="grants" />;
}
