import type { Module } from '../../../shared/permissions';
import { MODULE_PAGES, useOfferedModules } from '../modules';
import { NotFoundContent } from './NotFoundPage';

/** A module's page when it has been built and this user may use it (as in the menu); else not found. */
export function ModulePage({ module }: { module: Module }) {
  const offered = useOfferedModules();
  const Page = MODULE_PAGES[module];
  if (!Page || !offered.has(module)) return <NotFoundContent />;
  return <Page />;
}
