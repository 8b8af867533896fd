// Sending commands to a charger and telling the user, in their language, what came of it: the charger's
// answer (Accepted, Rejected, Unlocked...) or why nothing happened (offline, CALLERROR, no answer in time).
// Every result goes to the page's result line (it stays visible) and to a toast.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { errorTitle } from './page.js';
import { notify } from './toast.js';
import { chargerApiPath } from './charger_address.js';

// Answers that mean the charger does (or will do) what was asked.
const GOOD_ANSWERS = new Set(['Accepted', 'Scheduled', 'Unlocked', 'RebootRequired']);

// Why a request to a charger failed, as a sentence for fleet staff rather than an HTTP status.
export function chargerErrorText(error) {
  const detail = error?.message && !/^HTTP \d+$/.test(error.message) ? error.message : '';
  switch (error?.code) {
    case 'charger_offline':
      return t('chargers.error.offline');
    case 'call_error':
      return detail ? t('chargers.error.callErrorDetail', { detail }) : t('chargers.error.callError');
    case 'invalid_response':
      return t('chargers.error.invalidResponse');
    case 'connection_closed':
      return t('chargers.error.connectionClosed');
    case 'timeout':
      return t('chargers.error.timeout');
    case 'no_transaction':
      return t('chargers.error.noTransaction');
    case 'rejected':
      return t('chargers.error.rejected');
    case 'busy':
      return t('chargers.error.busy');
    case 'not_synchronised':
      return t('chargers.error.notSynchronised');
    default:
      return detail ? `${errorTitle(error)} ${detail}` : errorTitle(error);
  }
}

// The charger's answer in a sentence ("the charger accepted.") and as a badge word ("Accepted").
export function answerText(status) {
  return tOr(`chargers.answer.${status}`, status);
}

export function answerBadgeText(status) {
  return tOr(`chargers.answerBadge.${status}`, status);
}

// The line under a charger's actions that shows the last command's progress and outcome; it is a live
// region, so screen readers announce it too.
export function resultLine() {
  const element = h('div', { class: 'charger-result', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    show(kind, ...content) {
      element.className = `charger-result ${kind}`;
      element.replaceChildren(...content.filter((part) => part !== null && part !== undefined));
    },
  };
}

function report(line, kind, text, extra = null) {
  line?.show(kind, text, extra);
  notify(text, kind === 'ok' ? 'success' : kind === 'busy' ? 'info' : 'error');
}

// Sends one OCPP command through the command API. `label` names it for the user ("Reset (soft)").
// Resolves with the charger's answer, or null when it was not carried out.
export async function sendCommand(chargerId, action, payload, { label, line }) {
  line?.show('busy', t('chargers.result.sending', { action: label }));
  try {
    const answer = await api.post(chargerApiPath(chargerId, `/commands/${action}`), payload);
    const status = answer?.status;
    const good = !status || GOOD_ANSWERS.has(status);
    const text = status
      ? t('chargers.result.answered', { action: label, answer: answerText(status) })
      : t('chargers.result.done', { action: label });
    report(line, good ? 'ok' : 'bad', text);
    return answer;
  } catch (error) {
    report(line, 'bad', t('chargers.result.failed', { action: label, reason: chargerErrorText(error) }));
    return null;
  }
}

// Any other request that makes the charger do something (remote start, firmware update, diagnostics,
// configuration synchronisation): `describe(answer)` turns its answer into [kind, text, extra node].
export async function sendRequest({ label, line, request, describe }) {
  line?.show('busy', t('chargers.result.sending', { action: label }));
  try {
    const answer = await request();
    const [kind, text, extra] = describe(answer);
    report(line, kind, text, extra);
    return answer;
  } catch (error) {
    report(line, 'bad', t('chargers.result.failed', { action: label, reason: chargerErrorText(error) }));
    return null;
  }
}

// Remote start waits for the charger's own StartTransaction, so it can take a while: the line says so, and
// ends with a link to the new session.
export function remoteStart(chargerId, body, { line }) {
  const label = t('chargers.action.remoteStart');
  return sendRequest({
    label,
    line,
    request: () => {
      line?.show('busy', t('chargers.remoteStart.waiting', { idTag: body.idTag }));
      return api.post(chargerApiPath(chargerId, '/remote-start'), body);
    },
    describe: (answer) => [
      'ok',
      t('chargers.remoteStart.started', { transactionId: answer.transactionId }),
      h('a', { href: hrefOf(`/sessions/${answer.transactionId}`), class: 'charger-session-link' }, t('chargers.remoteStart.open', { transactionId: answer.transactionId })),
    ],
  });
}
