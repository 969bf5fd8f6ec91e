import type { Module } from '../../../shared/permissions';
import { MODULE_PAGES } from '../modules';
import { useTenant } from '../tenant';
import { NotFoundContent } from './NotFoundPage';

/** A module's page when the tenant has it switched on and it has been built; else not found. */
export function ModulePage({ module }: { module: Module }) {
  const tenant = useTenant();
  const Page = MODULE_PAGES[module];
  if (!Page || !tenant.modules.includes(module)) return <NotFoundContent />;
  return <Page />;
}
