/** The paths the notification routes answer (shared/routes/notify-*.ts); mails link to them. */
export const notifyLinks = (apiUrl: string) => {
  const base = apiUrl.replace(/\/+$/, '');
  const link = (path: string) => (token: string) => `${base}/v1/notify/${path}?token=${encodeURIComponent(token)}`;
  return {
    action: link('action'),
    confirm: link('confirm'),
    unsubscribe: link('unsubscribe'),
    myData: link('my-data'),
  };
};
