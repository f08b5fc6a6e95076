import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** An error the user can act on, as every panel shows one: a Fluent error bar with an optional title. */
export function ErrorBar({ title, children, multiline = false }: { title?: string; children: ReactNode; multiline?: boolean }) {
  return (
    <MessageBar intent="error" {...(multiline ? { layout: 'multiline' as const } : {})}>
      <MessageBarBody>
        {title !== undefined && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
