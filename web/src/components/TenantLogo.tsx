import type { PublicTenant } from '../../../shared/tenant';
import { initials } from '../branding';
import './TenantLogo.css';

/**
 * The tenant's logo, or a monogram in its colours when it has none. `decorative` hides it
 * from assistive technology where the tenant's name is written right beside it.
 */
export function TenantLogo({
  tenant,
  size = 48,
  decorative = false,
  className = '',
}: {
  tenant: Pick<PublicTenant, 'name' | 'branding'>;
  size?: number;
  decorative?: boolean;
  className?: string;
}) {
  const classes = `tenant-logo ${className}`.trim();
  if (tenant.branding.logoUrl) {
    return <img className={classes} src={tenant.branding.logoUrl} alt={decorative ? '' : `${tenant.name} logo`} width={size} height={size} decoding="async" />;
  }
  return (
    <span
      className={`${classes} tenant-monogram`}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4) }}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': `${tenant.name} logo` })}
    >
      {initials(tenant.name)}
    </span>
  );
}
