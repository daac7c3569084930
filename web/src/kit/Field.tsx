import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldFrame {
  label: ReactNode;
  /** Messages to show under the field (already translated). */
  errors?: string[] | undefined;
  hint?: ReactNode;
  className?: string;
}

function Frame({
  id,
  label,
  errors,
  hint,
  className,
  required,
  children,
}: FieldFrame & { id: string; required?: boolean | undefined; children: ReactNode }) {
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="required">
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul className="field-errors" id={`${id}-errors`} aria-live="polite">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, f: FieldFrame) =>
  [f.hint ? `${id}-hint` : '', f.errors?.length ? `${id}-errors` : ''].filter(Boolean).join(' ') || undefined;

export type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

/** A labelled input with its hint and errors wired for screen readers. */
export function TextField({ label, errors, hint, className, id, ...input }: TextFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Frame id={fid} label={label} errors={errors} hint={hint} className={className} required={input.required}>
      <input
        {...input}
        id={fid}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(fid, { label, errors, hint })}
      />
    </Frame>
  );
}

export type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & {
    options: { value: string; label: string }[];
    /** Label of an empty first choice; omitted when the field must have a value. */
    emptyLabel?: string;
  };

export function SelectField({
  label,
  errors,
  hint,
  className,
  id,
  options,
  emptyLabel,
  ...select
}: SelectFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Frame
      id={fid}
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      required={select.required}
    >
      <select
        {...select}
        id={fid}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(fid, { label, errors, hint })}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export type TextAreaFieldProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export function TextAreaField({ label, errors, hint, className, id, ...area }: TextAreaFieldProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Frame id={fid} label={label} errors={errors} hint={hint} className={className} required={area.required}>
      <textarea
        {...area}
        id={fid}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(fid, { label, errors, hint })}
      />
    </Frame>
  );
}
