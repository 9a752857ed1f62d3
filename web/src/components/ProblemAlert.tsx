import { ApiError } from '../api';

/** An error as the user should read it: the problem's title and detail, and each field's reason. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div role="alert" className="problem">
        {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  const { title, detail, errors, status } = error.problem;
  return (
    <div role="alert" className="problem">
      <strong>{status === 403 ? 'Not allowed' : title}</strong>
      {detail && <span> — {detail}</span>}
      {errors && errors.length > 0 && (
        <ul>
          {errors.map((e) => (
            <li key={e.field + e.reason}>
              <code>{e.field}</code> {e.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
