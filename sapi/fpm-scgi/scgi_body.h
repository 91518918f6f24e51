/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Request bodies that PHP keeps whole for php://input, read into memory.
 *
 * PHP's own way (main/SAPI.c, sapi_read_standard_form_data and php://input)
 * reads a body 16 KiB at a time into a temp stream that moves to a file in
 * upload_tmp_dir past 16 KiB: for a 1 MiB JSON or binary POST that is a
 * file created and removed and a read, a write and a seek per 16 KiB
 * (bench/BENCHMARKS.md counts them).  A body of at most
 * scgi.body_buffer_size bytes is read here instead, in as few reads as the
 * socket allows, into one buffer the worker keeps, and given to PHP as a
 * read-only memory stream over it.  Form and multipart bodies, which PHP
 * parses itself, and larger bodies go PHP's usual way.
 */

#ifndef SCGI_BODY_H
#define SCGI_BODY_H

#include <stddef.h>

/* In the worker, after PHP's module start-up: hook the SAPI's POST reader
 * and request activation.  max_in_memory 0 leaves PHP's way alone. */
void scgi_body_install(size_t max_in_memory);

/* The worker's buffer, at its exit. */
void scgi_body_shutdown(void);

#endif /* SCGI_BODY_H */
