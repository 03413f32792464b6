//! covoit's integration tests, one binary (each change relinks one test program, not one per
//! area): the real app through HTTP (Rocket's local client or a real server), real SMTP
//! sessions, a real SQLite file and a real PostgreSQL server, the CLI as a process, and a real
//! browser. `common` holds the shared harness; each other module is one area.
#[macro_use]
mod common;

mod booking_flow;
mod bounces;
mod browser;
mod calendars;
mod cli;
mod cli_mail;
mod concurrency;
mod connections;
mod db_sockets;
mod deliverability;
mod dkim;
mod drafts;
mod durability;
mod email;
mod email_templates;
mod group_commit;
mod hostile_input;
mod jobs;
mod languages;
mod link_flows;
mod link_lifetimes;
mod link_safety;
mod lost_links;
mod mariadb;
mod matching;
mod newcomer;
mod operations;
mod organisers;
mod page_cache;
mod phone;
mod places;
mod privacy;
mod privacy_data;
mod read_plans;
mod routing;
mod rules;
mod series;
mod smtp_pool;
mod widget;
