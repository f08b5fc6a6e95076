import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useStrings } from '../../strings';

const useStyles = makeStyles({
  footer: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
  // Back, Next and Save stay in view however long the step is (a step runs to thousands of pixels at 270 px).
  actionBar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
});

export interface StepActionsProps {
  step: number;
  /** The last step saves where the others go on. */
  last: boolean;
  saving: boolean;
  onGo(to: number): void;
  onSave(): void;
  /** Set in browser mode once a save went in: the workbook to download. */
  onDownload?: () => void;
}

/** Back, then Next or (on the last step) Save, and Download after a save in browser mode: in a bar that stays in view. */
export function StepActions({ step, last, saving, onGo, onSave, onDownload }: StepActionsProps) {
  const styles = useStyles();
  const { tr } = useStrings();
  return (
    <div className={mergeClasses(styles.footer, styles.actionBar)}>
      <Button disabled={step === 0} onClick={() => onGo(step - 1)}>
        {tr('pane.plan.back')}
      </Button>
      {last ? (
        <Button appearance="primary" disabled={saving} onClick={onSave}>
          {tr('pane.plan.save')}
        </Button>
      ) : (
        <Button appearance="primary" onClick={() => onGo(step + 1)}>
          {tr('pane.plan.next')}
        </Button>
      )}
      {onDownload && <Button onClick={onDownload}>{tr('pane.download')}</Button>}
    </div>
  );
}

/** Reload: the form read again from the sheets (the way on when a sheet changed under the wizard, then primary). */
export function ReloadBar({ primary, onReload }: { primary: boolean; onReload(): void }) {
  const styles = useStyles();
  const { tr } = useStrings();
  return (
    <div className={styles.footer}>
      <Button appearance={primary ? 'primary' : 'subtle'} size="small" onClick={onReload}>
        {tr('pane.plan.reload')}
      </Button>
    </div>
  );
}
