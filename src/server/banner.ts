import { isLoopbackHost, webChatSettings, type Config } from '../config.js';
import type { RunningServer } from './index.js';

/** What is running, where, and what to set to enable the rest. */
export function banner(config: Config, server: RunningServer, database: string, answerMode = 'extractive'): string {
  const lines = [`Samen is listening on ${server.host} port ${server.port}${reach(server.host)}`, `  Health: ${server.url}/healthz`];
  for (const c of server.channels) lines.push(`  ${c.description}`);
  if (!server.channels.some((c) => c.name === 'slack')) {
    lines.push(
      '  Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for HTTP mode (add SLACK_APP_TOKEN for Socket Mode); see manifest/slack/README.md.',
    );
  }
  if (!server.channels.some((c) => c.name === 'teams')) lines.push('  Teams: off (TEAMS_ENABLED=false).');
  const webChat = webChatSettings(config);
  if (webChat.status === 'disabled') lines.push('  Web chat: off (WEB_CHAT_ENABLED=false).');
  if (webChat.status === 'refused') {
    lines.push(
      `  Web chat: off — refusing to serve it on ${server.host} in production without WEB_CHAT_TOKEN: it has no accounts and one shared case store.` +
        ' Set WEB_CHAT_TOKEN (at least 16 characters) to serve it behind a login, or WEB_CHAT_ENABLED=false to turn it off.',
    );
  }
  lines.push(`  Database: ${database}`);
  lines.push(
    answerMode === 'llm'
      ? `  Answers: written by ${config.OPENAI_MODEL} from the retrieved findings, verified (OPENAI_API_KEY)`
      : '  Answers: extractive, offline. Set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server) for model-written answers.',
  );
  lines.push(`  Language of Samen's own texts: ${config.SAMEN_LANGUAGE} (SAMEN_LANGUAGE)`);
  // Last, so that it is the line a person sees: what to open, and what a load balancer or script can poll.
  const open = server.channels.some((c) => c.name === 'web') ? `: open ${server.url}/ for the web chat` : '';
  lines.push(`Samen is ready${open} (readiness: ${server.url}/readyz)`);
  return lines.join('\n');
}

/** Who can reach a server listening on this address. */
function reach(host: string): string {
  if (host === '0.0.0.0' || host === '::') return ' (every network interface)';
  return isLoopbackHost(host) ? ' (this machine only)' : '';
}
