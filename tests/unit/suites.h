/* The Check suites of the unit tests, one per module. */
#ifndef NSCHECK_TEST_SUITES_H
#define NSCHECK_TEST_SUITES_H

#include <check.h>

Suite *buf_suite(void);
Suite *arena_suite(void);
Suite *form_suite(void);
Suite *request_suite(void);
Suite *domain_suite(void);
Suite *names_suite(void);
Suite *cli_suite(void);
Suite *etag_suite(void);
Suite *lang_suite(void);
Suite *csp_suite(void);
Suite *stats_suite(void);
Suite *idna_suite(void);
Suite *uts46_suite(void);
Suite *dnsmsg_suite(void);
Suite *config_suite(void);
Suite *template_suite(void);
Suite *render_suite(void);
Suite *cells_suite(void);
Suite *render_shared_suite(void);
Suite *checks_suite(void);
Suite *codec_suite(void);
Suite *cache_suite(void);
Suite *resolver_suite(void);
Suite *lookup_suite(void);
Suite *describe_suite(void);
Suite *deleg_suite(void);
Suite *probe_suite(void);
Suite *report_suite(void);
Suite *netaddr_suite(void);
Suite *hints_suite(void);
Suite *providers_suite(void);
Suite *service_suite(void);
Suite *ratelimit_suite(void);
Suite *dnssec_suite(void);
Suite *expect_suite(void);
Suite *transfer_suite(void);
Suite *rdata_suite(void);
Suite *dissect_suite(void);
Suite *drill_suite(void);
Suite *log_suite(void);
Suite *supervisor_suite(void);
Suite *privs_suite(void);
Suite *words_suite(void);
Suite *zones_suite(void);
Suite *fiber_suite(void);
Suite *lane_suite(void);

#endif
