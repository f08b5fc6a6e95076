import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, CounterBadge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReportJson } from '../../usecases/report-json';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  header: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** How many cells the pane lists per reason; the report tab has them all. */
const SHOWN_PER_REASON = 50;

export interface IssuesPanelProps {
  issues: ReportJson['issues'];
  onSelect(address: string): void;
}

/** Data issues grouped by reason with counts; a click selects the offending cell. */
export function IssuesPanel({ issues, onSelect }: IssuesPanelProps) {
  const styles = useStyles();
  const { tr } = useStrings();
  if (issues.length === 0) return <Text>{tr('pane.issues.none')}</Text>;
  const groups = new Map<string, ReportJson['issues']>();
  for (const issue of issues) groups.set(issue.reason, [...(groups.get(issue.reason) ?? []), issue]);
  return (
    <Accordion multiple collapsible>
      {[...groups.entries()].map(([reason, items]) => (
        <AccordionItem key={reason} value={reason}>
          <AccordionHeader>
            <span className={styles.header}>
              <CounterBadge count={items.length} overflowCount={9999} appearance="filled" color="informative" />
              {reason}
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.list}>
              {items.slice(0, SHOWN_PER_REASON).map((i) => (
                <Button key={i.address} appearance="subtle" size="small" onClick={() => onSelect(i.address)} aria-label={tr('pane.issues.select', { address: i.address })}>
                  {`${i.address} · ${i.column}: ${i.value === null ? '' : String(i.value)}`}
                </Button>
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
