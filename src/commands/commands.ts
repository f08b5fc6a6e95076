/* Ribbon commands. The Home-tab button opens the task pane through the manifest (ShowTaskpane);
   this function-file entry exists for the shared runtime and future commands. */

Office.onReady(() => {
  Office.actions.associate('showTaskpane', async (event: Office.AddinCommands.Event) => {
    try {
      await Office.addin.showAsTaskpane();
    } finally {
      event.completed();
    }
  });
});
