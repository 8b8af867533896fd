// A site's latest plan, kept current while a page shows it: fetched from GET /sites/{id}/plan, merged with
// every `load.plan_computed` event (which carries the figures that change from run to run, not the
// connectors' details), fetched again shortly after a change made on the page, after events that change
// what the event does not carry (a new session, a charging need, a flag), every 15 s in case the events
// do not arrive, and when the events stream reconnects.
import { api } from '../lib/api.js';

const POLL_MS = 15000;
// After a change, the scheduler runs within a moment (at most --load-period); fetching a few times over
// the next seconds shows its result without waiting for the next poll.
const AFTER_CHANGE_MS = [700, 2000, 4500, 8000];
const DETAIL_EVENTS = ['transaction.started', 'transaction.stopped', 'charging_need.changed', 'load.charger_flagged', 'load.config_changed'];

const connectorKey = (connector) => `${connector.chargerId}#${connector.connectorId}`;
const timeOf = (plan) => (plan?.computedAt ? Date.parse(plan.computedAt) : 0);

// The plan with an event's figures laid over it. `detailsMissing` says whether the event names a
// connector session or circuit the plan does not know, so that the details must be fetched.
export function mergePlanEvent(plan, event) {
  const connectors = new Map((plan.connectors ?? []).map((connector) => [connectorKey(connector), connector]));
  const circuits = new Map((plan.circuits ?? []).map((circuit) => [circuit.circuitId, circuit]));
  let detailsMissing = (event.connectors ?? []).length !== connectors.size || (event.circuits ?? []).length !== circuits.size;
  const mergedConnectors = (event.connectors ?? []).map((fresh) => {
    const known = connectors.get(connectorKey(fresh));
    if (!known || (known.transactionId ?? null) !== (fresh.transactionId ?? null)) detailsMissing = true;
    // Fields of a session that ended must not linger on the idle connector.
    const base = known && (known.transactionId ?? null) === (fresh.transactionId ?? null) ? known : { chargerId: fresh.chargerId, connectorId: fresh.connectorId };
    return { ...base, ...fresh };
  });
  const mergedCircuits = (event.circuits ?? []).map((fresh) => {
    const known = circuits.get(fresh.circuitId);
    if (!known) detailsMissing = true;
    return { ...known, ...fresh };
  });
  return {
    plan: { ...plan, computedAt: event.computedAt, tariffPeriod: event.tariffPeriod, connectors: mergedConnectors, circuits: mergedCircuits },
    detailsMissing,
  };
}

// feed.plan: the plan, null while the site has no plan (not managed), undefined before the first answer.
// feed.error: the last failure, or null. onChange(feed) after every change of either.
export function planFeed(ctx, siteId, { onChange = () => {}, isSiteCharger = () => false } = {}) {
  const feed = { plan: undefined, error: null, refresh, refreshSoon };
  let request = 0;
  let burst = [];

  async function refresh() {
    const mine = ++request;
    try {
      const plan = await api.get(`/sites/${siteId}/plan`);
      if (mine !== request || !ctx.isCurrent()) return;
      // An event newer than this answer has already been shown; the details will come with the next fetch.
      if (feed.plan && timeOf(plan) < timeOf(feed.plan)) return;
      feed.plan = plan;
      feed.error = null;
    } catch (error) {
      if (mine !== request || !ctx.isCurrent()) return;
      if (error.code === 'not_managed') {
        feed.plan = null;
        feed.error = null;
      } else {
        feed.error = error;
      }
    }
    onChange(feed);
  }

  // Fetches again over the next seconds (after a change the scheduler is about to act on).
  function refreshSoon() {
    for (const timer of burst) clearTimeout(timer);
    burst = AFTER_CHANGE_MS.map((delay) => setTimeout(refresh, delay));
  }

  ctx.subscribe(['load.plan_computed'], (event) => {
    if (Number(event.siteId) !== Number(siteId)) return;
    if (!feed.plan) {
      refresh();
      return;
    }
    if (Date.parse(event.computedAt) < timeOf(feed.plan)) return;
    const { plan, detailsMissing } = mergePlanEvent(feed.plan, event);
    feed.plan = plan;
    feed.error = null;
    onChange(feed);
    if (detailsMissing) refreshSoon();
  });
  ctx.subscribe(DETAIL_EVENTS, (event) => {
    if (Number(event.siteId) === Number(siteId) || isSiteCharger(event.chargerId)) refreshSoon();
  });
  ctx.onReconnect(refresh);
  const poll = setInterval(() => {
    if (document.visibilityState !== 'hidden') refresh();
  }, POLL_MS);
  ctx.onCleanup(() => {
    clearInterval(poll);
    for (const timer of burst) clearTimeout(timer);
  });
  return feed;
}
