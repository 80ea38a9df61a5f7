/*
 * trivial: the ceiling of the nginx -> FastCGI path on this machine. A
 * FastCGI responder that does no work: it answers every request with a
 * fixed page of the given size, so the benchmark can compare nscheck with
 * the most a responder behind the same nginx could do.
 *
 *   trivial SIZE        (run under spawn-fcgi, socket on fd 0)
 */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	long size = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
	FCGX_Request req;

	if (size <= 0 || size > (1 << 22))
		return 2;
	char *page = malloc((size_t)size);
	if (!page)
		return 1;
	memset(page, 'x', (size_t)size);
	FCGX_Init();
	FCGX_InitRequest(&req, 0, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_FPrintF(req.out, "Status: 200 OK\r\nContent-Type: text/html; "
			     "charset=utf-8\r\nContent-Length: %ld\r\n\r\n", size);
		FCGX_PutStr(page, (int)size, req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
