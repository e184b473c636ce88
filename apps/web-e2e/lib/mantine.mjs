// Helpers for Mantine widgets that are not plain form controls.

/** Picks `optionName` in a Mantine Select/Combobox; `search` types into a searchable one first. */
export async function chooseOption(page, input, optionName, { search, timeout = 10_000 } = {}) {
  await input.click({ timeout });
  if (search !== undefined) await input.fill(search, { timeout });
  const option = page.getByRole('option', { name: optionName, exact: true });
  await option.first().click({ timeout });
}

/** Sets a file on a Mantine FileInput the way a user does: click the control, answer the file chooser. */
export async function chooseFile(page, control, path, { timeout = 10_000 } = {}) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout }), control.click({ timeout })]);
  await chooser.setFiles(path);
}
