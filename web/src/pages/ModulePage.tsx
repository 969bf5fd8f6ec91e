import type { Module } from '../../../shared/permissions';
import { useMe } from '../layouts/Shell';
import { MODULE_PAGES, navItems } from '../modules';
import { useTenant } from '../tenant';
import { NotFoundContent } from './NotFoundPage';

/** A module's page when it has been built and this user may use it (as in the menu); else not found. */
export function ModulePage({ module }: { module: Module }) {
  const tenant = useTenant();
  const me = useMe();
  const Page = MODULE_PAGES[module];
  const allowed = navItems(tenant.modules, me.permissions, me.modules).some((item) => item.module === module);
  if (!Page || !allowed) return <NotFoundContent />;
  return <Page />;
}
