// The mock's plans, SLA and platform status: the demo vendor's profile (Acme Cloud), a status page
// with four components, and the response expected on the mock desk's tickets. Query parameters
// shape it: `mockPlan=free|lite|team|premium` (premium by default), `mockPlan=none` for a desk
// whose vendor gave no profile and `mockPlan=invalid` for a broken one (both accept a profile
// given as an https address or a .toml file, which puts the customer on Team); `mockIncident=1` starts
// with an incident on the API; `mockStatus=unreachable` has the page unreachable since the last
// check an hour ago, `mockStatus=none` has no status page. `window.__mockIncident(true|false)`
// opens or resolves the incident as the page would, and tells the listeners.

import type {
  Coverage,
  IncidentView,
  NewTicketForm,
  NotCovered,
  PlanTier,
  PlansOverview,
  PlansScreen,
  PlatformStatus,
  ResponseExpectation,
  StatusUpdated,
  SupportChannel,
} from '../bindings';
import type { Backend } from './index';
import { wireError, type FailIfAsked } from './mock-shared';
import type { MockTicket } from './mock-tickets/seed';

export type SupportCommands = Pick<
  Backend,
  'plansOverview' | 'platformStatus' | 'checkStatus' | 'ticketExpectation' | 'ticketCoverage' | 'useVendorProfile'
>;

export type StatusListener = (payload: StatusUpdated) => void;
const statusListeners = new Set<StatusListener>();

export function listenMockStatusUpdated(listener: StatusListener): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

const HOUR = 3_600_000;
const tiers: PlanTier[] = ['free', 'lite', 'team', 'premium'];

function overviewFor(tier: PlanTier): PlansOverview {
  const open = ['09:00–18:00'];
  return {
    vendor: 'Acme Cloud',
    current: {
      planId: tier,
      reason: tier === 'team' ? { by: 'default' } : { by: 'userTag', tag: `plan_${tier}` },
    },
    plans: tiers.map((id) => ({
      id,
      name: null,
      tier: id,
      channels: id === 'free' ? ['talkToUs'] : id === 'lite' ? ['talkToUs', 'portal'] : ['talkToUs', 'contactForm', 'portal'],
      targets:
        id === 'premium'
          ? [
              { priority: 'urgent', firstResponseMinutes: 60, nextResponseMinutes: 120, clock: 'aroundTheClock' },
              { priority: 'high', firstResponseMinutes: 240, nextResponseMinutes: 480, clock: 'businessHours' },
              { priority: 'normal', firstResponseMinutes: 480, nextResponseMinutes: 960, clock: 'businessHours' },
              { priority: 'low', firstResponseMinutes: 1440, nextResponseMinutes: 2400, clock: 'businessHours' },
            ]
          : [],
    })),
    hours: {
      timeZone: 'Europe/Paris',
      week: [open, open, open, open, ['09:00–17:00'], [], []].map((openings, day) => ({ day, openings })),
      comingHolidays: ['2026-12-25', '2027-01-01'],
      openNow: true,
    },
    coveredChannels: ['contactForm'],
    coveredPriorities: ['normal', 'high', 'urgent'],
    requiredAnswers: ['problem', 'resourceIds', 'productionAffected'],
  };
}

function components(incident: boolean): PlatformStatus['components'] {
  return [
    { id: 'web', name: 'Web app', state: 'operational', group: null },
    { id: 'api', name: 'API', state: incident ? 'partial_outage' : 'operational', group: null },
    { id: 'hooks', name: 'Webhooks', state: 'operational', group: null },
    { id: 'login', name: 'Sign-in', state: 'operational', group: null },
  ];
}

function ongoingIncident(now: number): IncidentView {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  return {
    id: 'inc-api',
    name: 'Elevated error rates on the API',
    status: 'identified',
    impact: 'major',
    startedAt: at(0.8),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    shortlink: null,
    componentIds: ['api'],
    componentNames: ['API'],
    updates: [
      { status: 'identified', body: 'A faulty load balancer rule sends part of the traffic to a retired pool. We are rolling it back.', at: at(0.3) },
      { status: 'investigating', body: 'We are investigating elevated 502 errors on the projects endpoint.', at: at(0.8) },
    ],
  };
}

export function createMockSupport(
  params: URLSearchParams,
  failIfAsked: FailIfAsked,
  tickets: Map<number, MockTicket>,
): SupportCommands {
  let planParam = params.get('mockPlan') ?? 'premium';
  let tier = (tiers as string[]).includes(planParam) ? (planParam as PlanTier) : null;
  const statusParam = params.get('mockStatus');
  let incident = params.get('mockIncident') === '1';
  let checkedAt = Date.now() - (statusParam === 'unreachable' ? HOUR : 20_000);

  function status(): PlatformStatus {
    if (statusParam === 'none' || tier === null) {
      return {
        configured: false, pageName: null, pageUrl: null, indicator: 'unknown', description: null,
        components: [], incidents: [], maintenances: [], history: [], checkedAt: null, problem: null, stale: false,
      };
    }
    const now = Date.now();
    const saturday = new Date(now + 9 * 24 * HOUR);
    saturday.setUTCHours(2, 0, 0, 0);
    return {
      configured: true,
      pageName: 'Acme Cloud Status',
      pageUrl: 'https://status.acme-cloud.example',
      indicator: incident ? 'major' : 'none',
      description: incident ? 'Partial System Outage' : 'All Systems Operational',
      components: components(incident),
      incidents: incident ? [ongoingIncident(now)] : [],
      maintenances: [
        {
          id: 'mnt-db', name: 'Database upgrade', status: 'scheduled', impact: 'maintenance',
          startedAt: new Date(now - 3 * 24 * HOUR).toISOString(), resolvedAt: null,
          scheduledFor: saturday.toISOString(), scheduledUntil: new Date(saturday.getTime() + 2 * HOUR).toISOString(),
          shortlink: null, componentIds: ['web', 'api'], componentNames: ['Web app', 'API'],
          updates: [{ status: 'scheduled', body: 'We will upgrade our primary database cluster. The web app and the API may be unavailable for up to 10 minutes.', at: new Date(now - 3 * 24 * HOUR).toISOString() }],
        },
      ],
      history: [
        {
          ...ongoingIncident(now - 10 * 24 * HOUR), id: 'inc-old', status: 'resolved',
          resolvedAt: new Date(now - 10 * 24 * HOUR + 2 * HOUR).toISOString(),
        },
      ],
      checkedAt: new Date(checkedAt).toISOString(),
      problem: statusParam === 'unreachable' ? 'unreachable' : null,
      stale: statusParam === 'unreachable',
    };
  }

  function tell(): void {
    const payload = { status: status() };
    for (const listener of [...statusListeners]) listener(structuredClone(payload));
  }

  if (typeof window !== 'undefined') {
    (window as unknown as { __mockIncident?: (open: boolean) => void }).__mockIncident = (open: boolean) => {
      incident = open;
      checkedAt = Date.now();
      tell();
    };
  }

  function coverage(form: NewTicketForm, channel: SupportChannel): Coverage {
    const reasons: NotCovered[] = [];
    if (tier !== 'premium') reasons.push({ because: 'planWithoutSla', tier: tier ?? 'free' });
    if (channel !== 'contactForm') reasons.push({ because: 'channel', channel });
    if (tier === 'premium' && form.priority === 'low') reasons.push({ because: 'priority', priority: 'low' });
    if ((form.problem ?? '').trim().length < 20) reasons.push({ because: 'missingAnswer', field: 'problem' });
    if ((form.resourceIds ?? '').trim() === '') reasons.push({ because: 'missingAnswer', field: 'resourceIds' });
    const asksImpact = form.kind === 'technicalProblem' || form.kind === 'bug' || form.kind === 'accessProblem';
    if (asksImpact && (form.productionAffected ?? null) === null) {
      reasons.push({ because: 'missingAnswer', field: 'productionAffected' });
    }
    return { covered: reasons.length === 0, reasons };
  }

  return {
    async plansOverview(): Promise<PlansScreen> {
      failIfAsked('plansOverview');
      if (planParam === 'none') return { profile: { state: 'missing' }, overview: null };
      if (tier === null) {
        return {
          profile: {
            state: 'invalid',
            source: '/home/demo/.local/share/helpline/desks/acme/profile.toml',
            message: 'the provider profile has 1 problem(s): plans[1].tier: "gold" is not a tier; use free, lite, team or premium',
          },
          overview: null,
        };
      }
      return { profile: { state: 'loaded', source: 'demo' }, overview: overviewFor(tier) };
    },
    async platformStatus() {
      failIfAsked('platformStatus');
      return status();
    },
    async checkStatus() {
      failIfAsked('checkStatus');
      if (statusParam !== 'unreachable') checkedAt = Date.now();
      tell();
      return status();
    },
    async ticketExpectation(id): Promise<ResponseExpectation | null> {
      failIfAsked('ticketExpectation');
      const ticket = tickets.get(id);
      if (tier === null || !ticket) return null;
      const { status: state, createdAt } = ticket.summary;
      if (state !== 'new' && state !== 'open') return { expect: 'nothingDue' };
      if (tier !== 'premium') return { expect: 'noGuarantee', tier };
      const lastAgent = ticket.comments.map((comment) => comment.byAgent).lastIndexOf(true);
      const waitingSince = lastAgent < 0 ? createdAt : ticket.comments.slice(lastAgent + 1).find((c) => !c.byAgent)?.createdAt;
      if (!waitingSince) return { expect: 'nothingDue' };
      const due = new Date(waitingSince).getTime() + (lastAgent < 0 ? 8 : 16) * HOUR;
      const left = due - Date.now();
      return {
        expect: 'due',
        response: lastAgent < 0 ? 'first' : 'next',
        dueAt: new Date(due).toISOString(),
        standing: left < 0 ? 'overdue' : left < HOUR ? 'dueSoon' : 'onTrack',
        clock: 'businessHours',
        priority: 'normal',
      };
    },
    async useVendorProfile(source) {
      failIfAsked('useVendorProfile');
      if (planParam !== 'none' && planParam !== 'invalid') {
        throw wireError('invalid_input', "The demo desk comes with its own profile. Connect your company's help desk in Settings first.");
      }
      if (!/^https:\/\/|\.toml$/.test(source.trim())) {
        throw wireError('invalid_input', `cannot read the provider profile ${source.trim()}: No such file or directory (os error 2)`);
      }
      planParam = 'team';
      tier = 'team';
      return { profile: { state: 'loaded', source: source.trim() }, overview: overviewFor('team') };
    },
    async ticketCoverage(form, channel) {
      failIfAsked('ticketCoverage');
      return tier === null ? null : coverage(form, channel);
    },
  };
}
