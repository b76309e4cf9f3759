import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ActionItemPage } from '../features/actionItems/ActionItemPage.js';
import { AlliancePage } from '../features/alliance/AlliancePage.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { DecisionPage } from '../features/decision/DecisionPage.js';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.js';
import { RequireAuth } from '../features/auth/RequireAuth.js';
import { HomePage } from '../features/home/HomePage.js';
import { MeetingPage } from '../features/meeting/MeetingPage.js';
import { ME_KEY } from '../features/auth/useMe.js';
import { ApiRequestError } from '../lib/api.js';
import { onAccessChanged, onSessionEnded } from '../lib/liveSignals.js';
import { Layout } from './Layout.js';
import { NotFoundPage } from './NotFoundPage.js';

// The live room (socket, timers, vote and action-item forms) is its own chunk.
const RoomPage = lazy(() => import('../features/room/RoomPage.js'));

// The minutes screen pulls in the editor; it is loaded when first opened.
const MinutesPage = lazy(() => import('../features/minutes/MinutesPage.js'));

// The projector view (投屏) is opened on the room's wall screen only: its own chunk.
const ScreenPage = lazy(() => import('../features/room/screen/ScreenPage.js'));

// 表决核验 checks a vote record in the browser, signed in or not: its own chunk.
const VerifyPage = lazy(() => import('../features/verify/VerifyPage.js'));

// The system's audit log is for administrators only: its own chunk.
const AdminAuditPage = lazy(() => import('../features/audit/AdminAuditPage.js'));

// The setup screens (units, people) are for admins and secretaries only: their own chunk.
const UnitsPage = lazy(() => import('../features/admin/UnitsPage.js').then((m) => ({ default: m.UnitsPage })));
const PeoplePage = lazy(() => import('../features/admin/PeoplePage.js').then((m) => ({ default: m.PeoplePage })));

// Founding an alliance and its settings are used now and then, by secretaries: their own chunks.
const NewAlliancePage = lazy(() => import('../features/alliance/settings/NewAlliancePage.js'));
const AllianceSettingsPage = lazy(() => import('../features/alliance/settings/SettingsPage.js'));

// 消息中心: the full list and the settings are opened now and then: their own chunk.
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage.js'));
const NotificationSettingsPage = lazy(() => import('../features/notifications/SettingsPage.js'));

// 三张清单 (demands, resources, joint projects): their own chunk.
const ListsPage = lazy(() => import('../features/lists/ListsPage.js'));
const DemandPage = lazy(() => import('../features/lists/DemandPage.js'));
const ProjectPage = lazy(() => import('../features/lists/ProjectPage.js'));
const WhistlesPage = lazy(() => import('../features/whistles/WhistlesPage.js'));
const WhistlePage = lazy(() => import('../features/whistles/WhistlePage.js'));
const WhistleStatsPage = lazy(() => import('../features/whistles/WhistleStatsPage.js'));
// 述职评议 (sessions, a session's page) and the public representatives' page: their own chunks.
const AppraisalsPage = lazy(() => import('../features/appraisal/AppraisalsPage.js'));
const AppraisalPage = lazy(() => import('../features/appraisal/AppraisalPage.js'));
const PublicAppraisalPage = lazy(() => import('../features/appraisal/PublicAppraisalPage.js'));
// 双报到 (service activities, registrations, a work unit's service): their own chunk.
const ServicePage = lazy(() => import('../features/people/ServicePage.js'));
const ServiceActivityPage = lazy(() => import('../features/people/ActivityPage.js'));
const UnitServicePage = lazy(() => import('../features/people/UnitServicePage.js'));
// 积分 (考核评价): the points, their ledger and the scheme: their own chunk.
const PointsPage = lazy(() => import('../features/evaluation/PointsPage.js'));
const PointSchemePage = lazy(() => import('../features/evaluation/PointSchemePage.js'));
// 星级评定 (the periods and trend, a period's review): their own chunk.
const RatingsPage = lazy(() => import('../features/ratings/RatingsPage.js'));
const RatingPeriodPage = lazy(() => import('../features/ratings/RatingPeriodPage.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network blip might.
      retry: (count, err) => count < 2 && !(err instanceof ApiRequestError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: true,
      staleTime: 10_000,
    },
  },
});

// Ended elsewhere: ask who is signed in again; RequireAuth then leads to the login page.
onSessionEnded(() => {
  queryClient.setQueryData(ME_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
});
onAccessChanged(() => void queryClient.invalidateQueries());

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          {/* A public representative's scoring link: no login, its own slim header. */}
          <Route
            path="p/appraisal/:token"
            element={
              <Suspense>
                <PublicAppraisalPage />
              </Suspense>
            }
          />
          {/* The projector view fills the wall screen: no header, no navigation. */}
          <Route element={<RequireAuth />}>
            <Route
              path="meetings/:id/screen"
              element={
                <Suspense>
                  <ScreenPage />
                </Suspense>
              }
            />
          </Route>
          <Route element={<Layout />}>
            <Route path="login" element={<LoginPage />} />
            <Route
              path="verify"
              element={
                <Suspense>
                  <VerifyPage />
                </Suspense>
              }
            />
            <Route element={<RequireAuth />}>
              <Route index element={<HomePage />} />
              <Route
                path="alliances/new"
                element={
                  <Suspense>
                    <NewAlliancePage />
                  </Suspense>
                }
              />
              <Route path="alliances/:id" element={<AlliancePage />} />
              <Route
                path="alliances/:id/settings"
                element={
                  <Suspense>
                    <AllianceSettingsPage />
                  </Suspense>
                }
              />
              <Route path="meetings/:id" element={<MeetingPage />} />
              <Route
                path="alliances/:id/lists"
                element={
                  <Suspense>
                    <ListsPage />
                  </Suspense>
                }
              />
              <Route
                path="demands/:id"
                element={
                  <Suspense>
                    <DemandPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/whistles"
                element={
                  <Suspense>
                    <WhistlesPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/points"
                element={
                  <Suspense>
                    <PointsPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/points/scheme"
                element={
                  <Suspense>
                    <PointSchemePage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/whistles/stats"
                element={
                  <Suspense>
                    <WhistleStatsPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/ratings"
                element={
                  <Suspense>
                    <RatingsPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/ratings/:period"
                element={
                  <Suspense>
                    <RatingPeriodPage />
                  </Suspense>
                }
              />
              <Route
                path="whistles/:id"
                element={
                  <Suspense>
                    <WhistlePage />
                  </Suspense>
                }
              />
              <Route
                path="projects/:id"
                element={
                  <Suspense>
                    <ProjectPage />
                  </Suspense>
                }
              />
              <Route
                path="meetings/:id/live"
                element={
                  <Suspense>
                    <RoomPage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/service"
                element={
                  <Suspense>
                    <ServicePage />
                  </Suspense>
                }
              />
              <Route
                path="service-activities/:id"
                element={
                  <Suspense>
                    <ServiceActivityPage />
                  </Suspense>
                }
              />
              <Route
                path="units/:id/service"
                element={
                  <Suspense>
                    <UnitServicePage />
                  </Suspense>
                }
              />
              <Route
                path="alliances/:id/appraisals"
                element={
                  <Suspense>
                    <AppraisalsPage />
                  </Suspense>
                }
              />
              <Route
                path="appraisals/:id"
                element={
                  <Suspense>
                    <AppraisalPage />
                  </Suspense>
                }
              />
              <Route path="decisions/:id" element={<DecisionPage />} />
              <Route path="action-items/:id" element={<ActionItemPage />} />
              <Route path="change-password" element={<ChangePasswordPage />} />
              <Route
                path="notifications"
                element={
                  <Suspense>
                    <NotificationsPage />
                  </Suspense>
                }
              />
              <Route
                path="notifications/settings"
                element={
                  <Suspense>
                    <NotificationSettingsPage />
                  </Suspense>
                }
              />
              <Route
                path="admin/audit"
                element={
                  <Suspense>
                    <AdminAuditPage />
                  </Suspense>
                }
              />
              <Route
                path="admin/units"
                element={
                  <Suspense>
                    <UnitsPage />
                  </Suspense>
                }
              />
              <Route
                path="admin/people"
                element={
                  <Suspense>
                    <PeoplePage />
                  </Suspense>
                }
              />
              <Route
                path="meetings/:id/minutes"
                element={
                  <Suspense>
                    <MinutesPage />
                  </Suspense>
                }
              />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
