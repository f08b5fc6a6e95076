import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { ReportJson } from '../../usecases/report-json';
import { useStrings } from '../strings';

const useStyles = makeStyles({ panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS } });

/** The column mapping of the last run: which header feeds which field. */
export function PipelinePanel({ report }: { report: ReportJson | null }) {
  const styles = useStyles();
  const { tr } = useStrings();
  if (!report) return <Text>{tr('pane.mapping.none')}</Text>;
  return (
    <div className={styles.panel}>
      <Text weight="semibold">{`${tr('pane.mapping')} · ${report.sheet}`}</Text>
      <Table size="small" aria-label={tr('pane.mapping')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Field</TableHeaderCell>
            <TableHeaderCell>{tr('col.column')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {Object.entries(report.mapping).map(([field, header]) => (
            <TableRow key={field}>
              <TableCell>{field}</TableCell>
              <TableCell>{header}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
