// A site's latest plan, kept current while a page shows it: fetched from GET /sites/{id}/plan, then
// replaced by each `load.plan_computed` event, which carries the whole plan of a scheduler run. Fetched
// again when the events stream (re)opens, since the server keeps no backlog.
import { api } from '../lib/api.js';

const timeOf = (plan) => (plan?.computedAt ? Date.parse(plan.computedAt) : 0);

// feed.plan: the plan, null while the site has no plan (not managed), undefined before the first answer.
// feed.error: the last failure, or null. onChange(feed) after every change of either.
export function planFeed(ctx, siteId, { onChange = () => {} } = {}) {
  const feed = { plan: undefined, error: null, refresh };
  let request = 0;

  async function refresh() {
    const mine = ++request;
    try {
      const plan = await api.get(`/sites/${siteId}/plan`);
      if (mine !== request || !ctx.isCurrent()) return;
      // An event newer than this answer has been shown already.
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

  ctx.subscribe(['load.plan_computed'], (event) => {
    if (Number(event.siteId) !== Number(siteId) || timeOf(event) < timeOf(feed.plan)) return;
    feed.plan = event;
    feed.error = null;
    onChange(feed);
  });
  ctx.onReconnect(refresh);
  return feed;
}
