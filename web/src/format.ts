/** "PT26H3M" -> "1d 2h": environments' ages come as ISO-8601 durations. */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (!m) return iso;
  const total =
    (Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return minutes > 0 ? `${minutes}m` : `${Math.floor(total)}s`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatMoney(amount: number | undefined, currency = 'USD'): string {
  if (amount === undefined) return '—';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export const routes = {
  environments: (team: string) => `/api/v1/teams/${path(team)}/environments`,
  environment: (team: string, env: string) => `/api/v1/teams/${path(team, 'environments', env)}`,
  apps: (team: string, env: string) => `/api/v1/teams/${path(team, 'environments', env, 'apps')}`,
  app: (team: string, env: string, app: string) =>
    `/api/v1/teams/${path(team, 'environments', env, 'apps', app)}`,
  secrets: (team: string, env: string) =>
    `/api/v1/teams/${path(team, 'environments', env, 'secrets')}`,
  costs: (team: string) => `/api/v1/teams/${path(team)}/costs`,
};
