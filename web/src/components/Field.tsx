import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { fieldError } from '../api';

type Props = {
  label: string;
  /** The field's name in the API's problem+json errors[].field. */
  field: string;
  error?: unknown;
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input that shows the gateway's reason when an error concerns its field. */
export function Field({ label, field, error, hint, ...input }: Props) {
  const id = useId();
  const reason = fieldError(error, field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={field}
        aria-invalid={reason ? true : undefined}
        aria-describedby={reason ? `${id}-error` : undefined}
        {...input}
      />
      {hint && <small>{hint}</small>}
      {reason && (
        <span id={`${id}-error`} className="field-error">
          {reason}
        </span>
      )}
    </div>
  );
}
