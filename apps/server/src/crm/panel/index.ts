export { CrmDirectory } from './crm-directory';
export { panelFrameAncestorsFrom, panelFrameHeaders } from './frame-headers';
export { panelRoutes } from './routes';
export { crmPanelSettingsRoutes } from './settings-routes';
export { connectDemoWidget } from './demo-widget';
