import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, CounterBadge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { isMessageKey } from '../../core/i18n';
import type { ReportJson } from '../../usecases/report-json';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, margin: 0, paddingLeft: 0, listStyleType: 'none', minWidth: 0 },
  item: { overflowWrap: 'anywhere', textAlign: 'start', justifyContent: 'flex-start', height: 'auto' },
  header: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center', minWidth: 0, overflowWrap: 'anywhere' },
  accordion: { width: '100%' },
});

/** How many cells the pane lists per reason; the report tab has them all. */
const SHOWN_PER_REASON = 50;

export interface IssuesPanelProps {
  /** The last run's issues; null before any run. */
  issues: ReportJson['issues'] | null;
  /** Selects the offending cell (Excel); absent where there is nothing to select (browser mode lists them). */
  onSelect?(address: string): void;
  /** The empty state's action: go and generate a report. */
  onGenerate?(): void;
}

/** Data issues grouped by reason with their total; in Excel a click selects the offending cell. */
export function IssuesPanel({ issues, onSelect, onGenerate }: IssuesPanelProps) {
  const styles = useStyles();
  const { tr } = useStrings();
  if (issues === null)
    return (
      <div className={styles.panel}>
        <Text>{tr('pane.empty.issues')}</Text>
        {onGenerate && <Button onClick={onGenerate}>{tr('pane.toReports')}</Button>}
      </div>
    );
  if (issues.length === 0) return <Text>{tr('pane.issues.none')}</Text>;
  const groups = new Map<string, ReportJson['issues']>();
  // By code, in the pane's language now (the run wrote its reasons in the language it ran in).
  const reasonOf = (issue: ReportJson['issues'][number]) => {
    const key = `issue.${issue.code}`;
    return isMessageKey(key) ? tr(key) : issue.reason;
  };
  for (const issue of issues) {
    const reason = reasonOf(issue);
    const group = groups.get(reason);
    if (group) group.push(issue);
    else groups.set(reason, [issue]);
  }
  const text = (i: ReportJson['issues'][number]) => `${i.address} · ${i.column}: ${i.value === null ? '' : String(i.value)}`;
  return (
    <Accordion className={styles.accordion} multiple collapsible>
      {[...groups.entries()].map(([reason, items]) => (
        <AccordionItem key={reason} value={reason}>
          <AccordionHeader>
            <span className={styles.header}>
              {/* The badge is the group's total; it reads first in the header's name ("12 Not a number"). */}
              <CounterBadge count={items.length} overflowCount={999999} appearance="filled" color="informative" />
              {reason}
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <ul className={styles.list}>
              {items.slice(0, SHOWN_PER_REASON).map((i) => (
                <li key={i.address}>
                  {onSelect ? (
                    // The visible text is the accessible name (no aria-label that would differ from it).
                    <Button
                      className={styles.item}
                      appearance="subtle"
                      size="small"
                      onClick={() => onSelect(i.address)}
                      title={tr('pane.issues.select', { address: i.address })}
                    >
                      {text(i)}
                    </Button>
                  ) : (
                    <Text className={styles.item}>{text(i)}</Text>
                  )}
                </li>
              ))}
            </ul>
            {items.length > SHOWN_PER_REASON && (
              <Text size={200}>{tr('pane.issues.total', { shown: SHOWN_PER_REASON, count: items.length.toLocaleString() })}</Text>
            )}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
