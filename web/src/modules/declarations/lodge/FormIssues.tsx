import { createContext, useContext, type ReactNode } from 'react';

interface FormIssuesValue {
  /** Translated messages for a field, if it should show them now (touched, or after a submit attempt). */
  messagesFor(pointer: string): string[] | undefined;
  touch(pointer: string): void;
}

const FormIssuesContext = createContext<FormIssuesValue>({
  messagesFor: () => undefined,
  touch: () => undefined,
});

export function FormIssuesProvider({ value, children }: { value: FormIssuesValue; children: ReactNode }) {
  return <FormIssuesContext.Provider value={value}>{children}</FormIssuesContext.Provider>;
}

/** Props wiring an input to its pointer: its errors, and "touched" on blur. */
export function useFieldIssues() {
  const ctx = useContext(FormIssuesContext);
  return (pointer: string) => ({ errors: ctx.messagesFor(pointer), onBlur: () => ctx.touch(pointer) });
}
