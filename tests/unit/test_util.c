/* test_util.c - unit tests of lib/util: intern table and date parsing. */
#include "util/util.h"
#include "check.h"
#include <stdlib.h>
int main(void){
 dy_intern t; intern_init(&t);
 uint32_t a=intern_add(&t,"ABC",3), b=intern_add(&t,"DEF",3);
 CHECK(a!=b); CHECK_INT(intern_add(&t,"ABC",3),a); CHECK_INT(intern_find(&t,"DEF",3),b); CHECK_INT(intern_find(&t,"X",1),0);
 for(int i=0;i<100000;i++){char s[32];int n=sprintf(s,"w%d",i);intern_add(&t,s,(size_t)n);} 
 CHECK_STR(intern_str(&t,intern_find(&t,"w777",4)),"w777");
 intern_free(&t);
 CHECK_INT(date_parse("2020-11-16",10,NULL),20201116);
 CHECK_INT(date_parse("950101",6,NULL),19950101);
 CHECK_INT(date_parse("2025-03-14 20:30:26Z",20,NULL),20250314);
 return check_summary();}
