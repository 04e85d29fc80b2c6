import { backend, onStatusUpdated } from '../backend';
import type { IncidentView, PlatformStatus } from '../bindings';

/**
 * The vendor's platform status as last checked, shared by the navigation's dot, the Status
 * screen and the new-ticket form's banner: loaded once at start, then replaced by every check.
 */
export const platform = $state({ status: null as PlatformStatus | null });

/** Loads the last known status and follows every check until the returned function is called. */
export function followPlatformStatus(): () => void {
  backend
    .platformStatus()
    .then((status) => (platform.status = status))
    .catch(() => {});
  return onStatusUpdated((status) => (platform.status = status));
}

/** What the navigation's dot says: an incident, a maintenance under way, or nothing. */
export type Attention = 'incident' | 'maintenance' | 'none';

export function attentionOf(status: PlatformStatus | null): Attention {
  if (!status?.configured) return 'none';
  if (status.incidents.length > 0) return 'incident';
  if (status.maintenances.some((maintenance) => maintenance.status !== 'scheduled')) return 'maintenance';
  return 'none';
}

/**
 * The ongoing incidents a new ticket should know about: those on `componentId` when one is
 * picked, else every ongoing one.
 */
export function incidentsAffecting(status: PlatformStatus | null, componentId: string | null): IncidentView[] {
  const ongoing = status?.incidents ?? [];
  if (!componentId) return ongoing;
  return ongoing.filter((incident) => incident.componentIds.includes(componentId));
}
