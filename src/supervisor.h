/*
 * supervisor: what the service manager that started nscheck hands it and
 * wants to hear, without linking libsystemd.
 *
 * Readiness (systemd's Type=notify): "READY=1", "RELOADING=1" and
 * "STOPPING=1", with a STATUS= line, as one datagram to the unix socket
 * named in NOTIFY_SOCKET ("@name" is the abstract namespace). Without
 * NOTIFY_SOCKET nothing is sent. Only the process systemd started may
 * send: workers forget the variable (supervisor_forget()).
 *
 * Socket activation: a listening socket passed as fd 3 with LISTEN_PID
 * (our pid) and LISTEN_FDS=1, as nscheck.socket does.
 */
#ifndef NSCHECK_SUPERVISOR_H
#define NSCHECK_SUPERVISOR_H

#include <stddef.h>

/* Sends state (lines "KEY=value" joined by '\n'): 0 when sent or when
 * there is no one to tell, -1 with err when the socket refused it. */
int supervisor_notify(const char *state, char *err, size_t errlen);

/* READY=1 / RELOADING=1 / STOPPING=1 with a STATUS= of what (printf
 * style); a failure to send is logged, never fatal. */
void supervisor_state(const char *state, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* For a process started by us: not the one systemd watches. */
void supervisor_forget(void);

/*
 * The listening socket passed by socket activation: its fd (3), 0 when
 * none was passed, or -1 with err when the variables say one was passed
 * but it is not one listening stream socket. The variables are removed,
 * so nothing started later takes them for its own.
 */
int supervisor_listen_fd(char *err, size_t errlen);

#endif
