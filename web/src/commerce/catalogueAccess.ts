import { useEffect, useState } from 'react';
import type { CatalogueAccess } from '../../../shared/api/catalogue';
import { call } from '../api';

/**
 * Whether the signed-in user may see the catalogue (`GET /api/catalogue`): the menu offers
 * Catalogue only when it says so, since access is per company and per contact (seed 002),
 * which the module list of `/api/me` does not say. Asked once per user and page load; a
 * failure reads as no access (the menu simply leaves the item out).
 */
let cached: { userId: string; answer: Promise<CatalogueAccess | null> } | undefined;

export function loadCatalogueAccess(userId: string): Promise<CatalogueAccess | null> {
  if (cached?.userId !== userId) {
    cached = {
      userId,
      answer: call('GET /api/catalogue', {}).catch(() => null),
    };
  }
  return cached.answer;
}

/** Undefined while asking; null when it could not be asked or `userId` is undefined (nothing to ask). */
export function useCatalogueAccess(userId: string | undefined): CatalogueAccess | null | undefined {
  const [access, setAccess] = useState<CatalogueAccess | null | undefined>(undefined);
  useEffect(() => {
    if (!userId) {
      setAccess(null);
      return;
    }
    let live = true;
    void loadCatalogueAccess(userId).then((a) => {
      if (live) setAccess(a);
    });
    return () => {
      live = false;
    };
  }, [userId]);
  return access;
}
