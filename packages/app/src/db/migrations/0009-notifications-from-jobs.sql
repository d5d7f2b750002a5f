-- Notifications written by a job carry its id: a job that runs twice (its worker stopped after the
-- handler committed, before the job was marked done) notifies each recipient once.
alter table notifications add column job_id uuid;
create unique index notifications_once_per_job on notifications (job_id, recipient_user_id) where job_id is not null;
