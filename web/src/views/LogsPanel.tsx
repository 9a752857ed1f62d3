import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session';
import { readStream } from '../sse';

export interface LogLine {
  time: string | null;
  pod: string;
  container: string;
  message: string;
  line: string;
}

interface Logs {
  sources: string[];
  lines: LogLine[];
}

interface Filter {
  pod: string;
  container: string;
  grep: string;
  tail: string;
}

/** Lines kept while following: enough to read back, bounded so a chatty app cannot fill the tab. */
export const MAX_LINES = 2000;

/** The query of the gateway's logs routes for a filter; empty fields are left out. */
export function logQuery(filter: Filter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value.trim()) params.set(name, value.trim());
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The app's logs: the last lines of its pods, filtered by pod, container and text, and a live
 * tail (the gateway's logs/follow over SSE) that appends lines as they are written.
 */
export function LogsPanel({ base }: { base: string }) {
  const { api } = useSession();
  const [filter, setFilter] = useState<Filter>({ pod: '', container: '', grep: '', tail: '100' });
  const [lines, setLines] = useState<LogLine[]>([]);
  const [sources, setSources] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  // The last lines are read as soon as the panel opens.
  const [loading, setLoading] = useState(true);
  const [following, setFollowing] = useState(false);
  const stream = useRef<AbortController | undefined>(undefined);
  const ids = useId();
  const set = (name: keyof Filter) => (e: { target: { value: string } }) =>
    setFilter((f) => ({ ...f, [name]: e.target.value }));

  const stop = () => {
    stream.current?.abort();
    stream.current = undefined;
    setFollowing(false);
  };
  useEffect(() => stop, []);

  const show = async (event?: FormEvent) => {
    event?.preventDefault();
    stop();
    setLoading(true);
    try {
      const logs = await api.get<Logs>(`${base}/logs${logQuery(filter)}`);
      setLines(logs.lines);
      setSources((known) => [...new Set([...known, ...logs.sources])].sort());
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const follow = () => {
    stop();
    const abort = new AbortController();
    stream.current = abort;
    setLines([]);
    setError(undefined);
    setFollowing(true);
    readStream(
      api,
      `${base}/logs/follow${logQuery(filter)}`,
      (data) => {
        const line = JSON.parse(data) as LogLine;
        setLines((all) => [...all.slice(-(MAX_LINES - 1)), line]);
      },
      abort.signal,
    )
      .catch((e) => abort.signal.aborted || setError(e))
      .finally(() => {
        if (stream.current === abort) {
          stream.current = undefined;
          setFollowing(false);
        }
      });
  };

  // Show the last lines when the page opens.
  useEffect(() => {
    void show();
  }, [base]);

  const pods = [...new Set(sources.map((s) => s.split('/')[0]))];
  const containers = [...new Set(sources.map((s) => s.split('/')[1]).filter(Boolean))];
  return (
    <section aria-labelledby={`${ids}-title`} className="logs">
      <h3 id={`${ids}-title`}>Logs</h3>
      <form aria-label="Log filter" className="filters" onSubmit={show}>
        <Field label="Pod" field="pod" error={error} value={filter.pod} onChange={set('pod')} list={`${ids}-pods`} placeholder="all" />
        <Field
          label="Container"
          field="container"
          error={error}
          value={filter.container}
          onChange={set('container')}
          list={`${ids}-containers`}
          placeholder="all"
        />
        <Field label="Text" field="grep" error={error} value={filter.grep} onChange={set('grep')} placeholder="lines containing" />
        <Field label="Lines" field="tail" error={error} value={filter.tail} onChange={set('tail')} inputMode="numeric" />
        <datalist id={`${ids}-pods`}>
          {pods.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <datalist id={`${ids}-containers`}>
          {containers.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="buttons">
          <button type="submit" disabled={loading}>
            Show lines
          </button>
          {following ? (
            <button type="button" onClick={stop}>
              Stop following
            </button>
          ) : (
            <button type="button" className="primary" onClick={follow}>
              Follow
            </button>
          )}
        </div>
      </form>
      <ProblemAlert error={error} />
      <p role="status" className="muted">
        {following
          ? `Following: ${lines.length} line(s) so far.`
          : loading
            ? 'Reading the logs…'
            : `${lines.length} line(s) from ${sources.length} container(s).`}
      </p>
      {/* role=log: screen readers announce appended lines without re-reading the whole list. */}
      <pre role="log" aria-label="Log lines" tabIndex={0} className="log-lines">
        {lines.map((l, i) => (
          <span key={i} className="log-line">
            <span className="muted">{l.pod}/{l.container}</span> {l.message}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}
