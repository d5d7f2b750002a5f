-- Messaging (email and text message after commit, through GOV.UK Notify or, in development and
-- tests, a local outbox): one row per message sent, by its caller's reference, so a job that runs
-- twice sends once and the outbox page can show what would have been sent. Only the outbox keeps
-- the words sent (subject, body); a message sent through Notify keeps Notify's id, not its words.
create table messages (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  reference text not null check (length(reference) between 1 and 200),
  channel text not null check (channel in ('email', 'sms')),
  template text not null,
  to_address text not null,
  transport text not null check (transport in ('notify', 'outbox')),
  subject text,
  body text,
  provider_id text,
  job_id uuid,
  sent_at timestamptz not null default now(),
  unique (la_code, reference)
);
create index messages_sent on messages (la_code, sent_at desc);
revoke update, delete, truncate on messages from waypoint_app;
alter table messages enable row level security;
create policy tenant_isolation on messages to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
