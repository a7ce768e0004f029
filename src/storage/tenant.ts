/**
 * Who a stored row belongs to. A tenant id means something only on its own platform (a
 * Slack team id, a Microsoft Entra tenant id, "web" for the local web chat), and nothing
 * stops two platforms from using the same one: so every tenant-scoped row is keyed by
 * platform and tenant id together, and the stores cannot be opened without both.
 */
export type Platform = 'slack' | 'teams' | 'web';

export const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'web'];

export interface Tenant {
  platform: Platform;
  tenantId: string;
}

/**
 * The platform and tenant id of a scope (which may carry more, such as a channel id),
 * checked: a store throws rather than read or write rows under a missing tenant.
 */
export function checkTenant(scope: Tenant): Tenant {
  const { platform, tenantId } = scope ?? {};
  if (!PLATFORMS.includes(platform)) throw new Error(`A platform is required (${PLATFORMS.join(', ')})`);
  if (typeof tenantId !== 'string' || tenantId === '') throw new Error('A tenant id is required');
  return { platform, tenantId };
}
