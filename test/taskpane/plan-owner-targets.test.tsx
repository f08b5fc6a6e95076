/** @jest-environment jsdom */
import './jsdom-setup';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { Locale } from '../../src/core/i18n';
import { defaultSalesPlan } from '../../src/core/planning/default-plan';
import { emptyRegister } from '../../src/core/risk/register';
import type { PaneActions } from '../../src/taskpane/actions';
import { PlanWizard } from '../../src/taskpane/components/PlanWizard';
import { StringsProvider } from '../../src/taskpane/strings';
import type { PlanWizardChanges } from '../../src/usecases/plan-wizard';
import { month } from '../core/metrics/make-deal';

// Issue #17 item 8: the target step's optional owner column (SPEC §8: per-owner targets; a month's team target is the sum of its rows).

jest.setTimeout(20_000);

function actions(saves: PlanWizardChanges[]): PaneActions {
  return {
    host: 'excel',
    generate: async () => {
      throw new Error('not used');
    },
    inspect: async () => ({ ok: true, inspection: null }),
    saveMapping: async () => ({ ok: true }),
    saveStages: async () => ({ ok: true }),
    selectCell: async () => {},
    readPlan: async (locale: Locale) => ({ ok: true, state: { plan: defaultSalesPlan(locale, [], month('2026-07')), planExists: false, register: emptyRegister(locale), registerExists: false } }),
    async savePlan(changes) {
      saves.push(changes);
      return { ok: true, planSheet: 'Sales Plan', riskSheet: 'Risk Register', goals: 3, targets: 3, risks: 0 };
    },
  };
}

function renderWizard(a: PaneActions, locale: Locale = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <StringsProvider locale={locale}>
        <main>
          <PlanWizard actions={a} />
        </main>
      </StringsProvider>
    </FluentProvider>,
  );
}

describe('plan wizard: owner targets', () => {
  it('gives each monthly target an optional owner, adds another owner’s row for a month, and saves the owners as Targets cells', async () => {
    const saves: PlanWizardChanges[] = [];
    const { container } = renderWizard(actions(saves));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Goals'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const targets = within(screen.getByRole('group', { name: 'Monthly revenue targets' }));
    expect(targets.getByText(/Leave the owner empty for a team target/)).toBeTruthy();
    fireEvent.change(targets.getByLabelText('2026-07'), { target: { value: '60000' } });
    fireEvent.change(targets.getByLabelText('2026-07 owner (optional)'), { target: { value: 'Ana' } });
    fireEvent.click(targets.getByRole('button', { name: 'Add a month' }));
    fireEvent.click(targets.getByRole('button', { name: "Add another owner's target for 2027-07" }));
    const owners = targets.getAllByLabelText('2027-07 owner (optional)');
    expect(owners).toHaveLength(2);
    fireEvent.change(targets.getAllByLabelText('2027-07')[1]!, { target: { value: '40000' } });
    fireEvent.change(owners[1]!, { target: { value: 'Li Wei' } });
    // Accessible: every field labelled, no serious or critical axe violation in the step (colour contrast needs a real renderer: the e2e suite checks it).
    const results = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByRole('button', { name: i < 2 ? 'Next' : 'Save plan and risks' }));
    await waitFor(() => expect(saves).toHaveLength(1));
    const edits = saves[0]!.plan.targets!;
    expect(edits).toContainEqual({ index: 0, base: { month: '2026-07', target: null }, cells: { target: 60000, owner: 'Ana' } });
    expect(edits.filter((e) => e.index === null).map((e) => e.cells)).toEqual([
      { month: '2027-07', target: null },
      { month: '2027-07', target: 40000, owner: 'Li Wei' },
    ]);
  });

  it('labels the owner fields in Chinese', async () => {
    renderWizard(actions([]), 'zh-CN');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(screen.getByLabelText('2026-07 负责人（可选）')).toBeTruthy();
    expect(screen.getByRole('button', { name: '为 2027-06 添加另一位负责人的目标' })).toBeTruthy();
  });
});
