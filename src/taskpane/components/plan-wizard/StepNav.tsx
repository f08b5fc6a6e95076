import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../../strings';
import { STEPS } from './steps';

const useStyles = makeStyles({
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
});

/** The row of step buttons, the current one marked. */
export function StepNav({ step, onGo }: { step: number; onGo(to: number): void }) {
  const styles = useStyles();
  const { tr } = useStrings();
  return (
    <nav aria-label={tr('pane.plan.steps')}>
      <ol className={styles.steps}>
        {STEPS.map((s, i) => (
          <li key={s.name}>
            <Button size="small" appearance={i === step ? 'primary' : 'subtle'} aria-current={i === step ? 'step' : undefined} onClick={() => onGo(i)}>
              {`${i + 1}. ${tr(s.name)}`}
            </Button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
